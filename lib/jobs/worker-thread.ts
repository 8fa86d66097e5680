// The job thread's entry (lib/jobs/boot.ts starts it): the embedded worker runs here, beside the server's thread.
import "server-only";
import { parentPort } from "node:worker_threads";
import { registerCallDriver } from "@/lib/calls/driver";
import { drainSoon, registerWriteDriver } from "@/lib/crm-writes/driver";
import { env } from "@/lib/env";
import { embeddedWriteDriver } from "@/lib/jobs/crm-writes";
import { embeddedDriver } from "@/lib/jobs/embedded-queue";
import { startEmbeddedWorker } from "@/lib/jobs/embedded-worker";
import { THREAD_STARTED, type ToJobThread } from "@/lib/jobs/thread";
import { engineDeps } from "@/lib/webhook/engine-deps";

const e = env();
registerCallDriver(embeddedDriver);
registerWriteDriver(embeddedWriteDriver);
const worker = await startEmbeddedWorker({
  connectionString: e.DATABASE_URL,
  deps: engineDeps(),
  concurrency: e.LEADLINE_WORKER_CONCURRENCY,
  sweepEveryMs: e.LEADLINE_SWEEP_INTERVAL_MS,
});
parentPort!.on("message", (message: ToJobThread) => {
  if (message === "drain") drainSoon();
  // In a worker thread process.exit ends only the thread; Prisma's pool would otherwise keep it alive.
  else void worker.stop().finally(() => process.exit(0));
});
parentPort!.postMessage(THREAD_STARTED);
