import "server-only";
import { registerCallDriver } from "@/lib/calls/driver";
import { registerWriteDriver } from "@/lib/crm-writes/driver";
import { env } from "@/lib/env";
import { embeddedWriteDriver } from "@/lib/jobs/crm-writes";
import { embeddedDriver } from "@/lib/jobs/embedded-queue";
import { startEmbeddedWorker, type EmbeddedWorker } from "@/lib/jobs/embedded-worker";
import { engineDeps } from "@/lib/webhook/engine-deps";

const globalForJobs = globalThis as unknown as { leadlineWorker?: Promise<EmbeddedWorker> };

/** Registers the embedded driver and starts its worker in this server process, once. */
export function startEmbeddedDriver(): Promise<EmbeddedWorker> {
  const e = env();
  registerCallDriver(embeddedDriver);
  registerWriteDriver(embeddedWriteDriver);
  globalForJobs.leadlineWorker ??= startEmbeddedWorker({
    connectionString: e.DATABASE_URL,
    deps: engineDeps(),
    concurrency: e.LEADLINE_WORKER_CONCURRENCY,
    sweepEveryMs: e.LEADLINE_SWEEP_INTERVAL_MS,
  }).then((worker) => {
    const stop = () => void worker.stop().finally(() => process.exit(0));
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
    return worker;
  });
  return globalForJobs.leadlineWorker;
}
