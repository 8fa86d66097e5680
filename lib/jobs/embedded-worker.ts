import "server-only";
import { EventEmitter } from "node:events";
import { Logger, run, runMigrations, type Task, type WorkerEvents } from "graphile-worker";
import { advanceTasks, type StepDeps } from "@/lib/calls/engine";
import { relaySoon, startSweeper, startWakeupRelay } from "@/lib/calls/wakeups";
import { db } from "@/lib/db";
import { startWriteDrain } from "@/lib/jobs/crm-writes";
import { embeddedDriver, WAKE_TASK } from "@/lib/jobs/embedded-queue";

const HEARTBEAT_MS = 5_000;
// A pool silent for three heartbeats is dead (SIGKILL, power loss); its locked jobs would otherwise wait 4 hours.
const DEAD_AFTER_MS = 15_000;
/** How often the sweeper looks for overdue tasks (lib/calls/wakeups.ts, sweepOverdue). */
export const SWEEP_EVERY_MS = 15_000;

const quietLogger = new Logger(() => (level, message) => {
  if (level === "error" || level === "warning") console.error(`[jobs] ${message}`);
});

/** Creates graphile-worker's schema; safe to run again, and needed before any task is enqueued. */
export async function installJobQueue(connectionString: string): Promise<void> {
  await runMigrations({ connectionString, logger: quietLogger });
}

export function callTaskList(deps: StepDeps): Record<string, Task> {
  return {
    [WAKE_TASK]: async (payload) => {
      await advanceTasks(deps, (payload as { taskIds: string[] }).taskIds);
      // What the step queued for now (tasks a settle let into freed slots) goes out without waiting for the clock.
      void relaySoon(embeddedDriver);
    },
  };
}

export type EmbeddedWorker = { poolId: string; stop: () => Promise<void> };

/** Runs the call queue, the wake-up relay and the sweeper inside this process (the Next.js server, or a test). */
export async function startEmbeddedWorker(opts: {
  connectionString: string;
  deps: StepDeps;
  concurrency?: number;
  pollIntervalMs?: number;
  sweepEveryMs?: number;
}): Promise<EmbeddedWorker> {
  await installJobQueue(opts.connectionString);
  await unlockDeadPools();
  const events = new EventEmitter() as WorkerEvents;
  const poolId = new Promise<string>((resolve) => events.on("pool:create", ({ workerPool }) => resolve(workerPool.id)));
  const pollInterval = opts.pollIntervalMs ?? 1000;
  const runner = await run({
    connectionString: opts.connectionString,
    concurrency: opts.concurrency ?? 10,
    pollInterval,
    noHandleSignals: true,
    logger: quietLogger,
    events,
    taskList: callTaskList(opts.deps),
  });
  const id = await poolId;
  let failing = false;
  const beat = async () => {
    await db.workerPool.upsert({ where: { id }, create: { id, heartbeatAt: new Date() }, update: { heartbeatAt: new Date() } });
    // Back after Postgres went away: jobs this pool could not complete then stay locked for 4 hours. Free them; a
    // job that is still running and runs again does no harm, every step being a compare-and-set.
    if (failing) await db.$executeRaw`SELECT graphile_worker.force_unlock_workers(ARRAY[${id}]::text[])`;
    failing = false;
    await unlockDeadPools();
  };
  await beat();
  const timer = setInterval(
    () =>
      void beat().catch((err: unknown) => {
        failing = true;
        console.error("[jobs] heartbeat failed:", (err as Error).message);
      }),
    HEARTBEAT_MS,
  );
  timer.unref();
  // Wake-ups from the outbox reach graphile-worker on the same clock as its own polls.
  const stopRelay = startWakeupRelay(embeddedDriver, pollInterval);
  const stopSweeper = startSweeper(opts.sweepEveryMs ?? SWEEP_EVERY_MS, opts.deps);
  // CRM writes (lib/crm-writes) drain on the same clock.
  const stopWriteDrain = startWriteDrain(pollInterval);
  return {
    poolId: id,
    stop: async () => {
      clearInterval(timer);
      stopRelay();
      stopSweeper();
      stopWriteDrain();
      await runner.stop();
      await db.workerPool.deleteMany({ where: { id } });
    },
  };
}

async function unlockDeadPools(): Promise<void> {
  const dead = await db.workerPool.findMany({ where: { heartbeatAt: { lt: new Date(Date.now() - DEAD_AFTER_MS) } }, select: { id: true } });
  if (!dead.length) return;
  const ids = dead.map((p) => p.id);
  await db.$executeRaw`SELECT graphile_worker.force_unlock_workers(${ids}::text[])`;
  await db.workerPool.deleteMany({ where: { id: { in: ids } } });
}
