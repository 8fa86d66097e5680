import "server-only";
import { stepDeps } from "@/lib/calls/runtime";
import { env, jobDriverName } from "@/lib/env";
import { startEmbeddedWorker, type EmbeddedWorker } from "@/lib/jobs/embedded-worker";

const globalForJobs = globalThis as unknown as { leadlineWorker?: Promise<EmbeddedWorker> };

/** Starts the embedded call queue in this server process, once, unless Inngest drives the calls. */
export function startBackgroundWork(): Promise<EmbeddedWorker> | undefined {
  const e = env();
  if (jobDriverName(e) !== "embedded") return undefined;
  globalForJobs.leadlineWorker ??= startEmbeddedWorker({
    connectionString: e.DATABASE_URL,
    deps: stepDeps(),
    concurrency: e.LEADLINE_WORKER_CONCURRENCY,
  }).then((worker) => {
    const stop = () => void worker.stop().finally(() => process.exit(0));
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
    return worker;
  });
  return globalForJobs.leadlineWorker;
}
