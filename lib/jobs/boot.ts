import "server-only";
import { Worker } from "node:worker_threads";
import { registerCallDriver } from "@/lib/calls/driver";
import { registerWriteDriver } from "@/lib/crm-writes/driver";
import { embeddedDriver } from "@/lib/jobs/embedded-queue";
import { superviseThread, type SupervisedThread } from "@/lib/jobs/thread";

const globalForJobs = globalThis as unknown as { leadlineJobThread?: Promise<SupervisedThread> };

/**
 * Starts the embedded driver once per server process. Its worker (call steps, the simulator's calls, the sweeper, CRM
 * writes) runs on a thread of its own, lib/jobs/worker-thread.ts: on one event loop with the requests, each waited
 * behind the other, and a morning rush's reports and dials are thousands of both. This thread relays the wake-ups its
 * requests queue (one statement each) and passes CRM write kicks on to the job thread.
 */
export function startEmbeddedDriver(): Promise<SupervisedThread> {
  registerCallDriver(embeddedDriver);
  globalForJobs.leadlineJobThread ??= superviseThread(() => new Worker(new URL("./worker-thread.ts", import.meta.url))).then((thread) => {
    registerWriteDriver({ name: "embedded", kick: () => thread.post("drain") });
    const stop = () => void thread.stop().finally(() => process.exit(0));
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
    return thread;
  });
  return globalForJobs.leadlineJobThread;
}
