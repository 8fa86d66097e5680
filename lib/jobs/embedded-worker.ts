import "server-only";
import { EventEmitter } from "node:events";
import { Logger, run, runMigrations, type Task, type WorkerEvents } from "graphile-worker";
import { resolveLeads } from "@/lib/calls/resolve";
import { dialAttempt, planAttempt, settleAttempt, type StepDeps } from "@/lib/calls/steps";
import { db } from "@/lib/db";
import { addJob, attemptKey, embeddedDriver, settleKey, TASKS } from "@/lib/jobs/embedded-queue";
import { startWakeupRelay } from "@/lib/jobs/wakeups";

const HEARTBEAT_MS = 5_000;
// A pool silent for three heartbeats is dead (SIGKILL, power loss); its locked jobs would otherwise wait 4 hours.
const DEAD_AFTER_MS = 15_000;

const quietLogger = new Logger(() => (level, message) => {
  if (level === "error" || level === "warning") console.error(`[jobs] ${message}`);
});

/** Creates graphile-worker's schema; safe to run again, and needed before any task is enqueued. */
export async function installJobQueue(connectionString: string): Promise<void> {
  await runMigrations({ connectionString, logger: quietLogger });
}

export function callTaskList(deps: StepDeps): Record<string, Task> {
  return {
    [TASKS.attempt]: async (payload) => {
      const { taskId } = payload as { taskId: string };
      const plan = await planAttempt(taskId);
      if (plan.kind === "finished") return;
      if (plan.kind === "resolve") {
        const { scheduled } = await resolveLeads(deps, taskId);
        for (const s of scheduled) await addJob(db, TASKS.attempt, { taskId: s.taskId }, new Date(s.at), attemptKey(s.taskId));
        return;
      }
      if (plan.kind === "await_outcome") {
        // Recovery after a crash between dialing and scheduling the settle: make sure one is pending.
        await addJob(db, TASKS.settle, { taskId, attempt: plan.attempt }, deps.now(), settleKey(taskId), "preserve_run_at");
        return;
      }
      const result = await dialAttempt(deps, taskId, plan.attempt);
      const now = deps.now();
      if (result.kind === "dialed") {
        // preserve_run_at: a report that already arrived has scheduled the settle for now; do not push it back.
        const deadline = new Date(now.getTime() + deps.outcomeTimeoutMs);
        await addJob(db, TASKS.settle, { taskId, attempt: result.attempt }, deadline, settleKey(taskId), "preserve_run_at");
      } else if (result.kind === "ended") {
        await addJob(db, TASKS.settle, { taskId, attempt: result.attempt }, now, settleKey(taskId));
      } else if (result.kind === "not_due") {
        await addJob(db, TASKS.attempt, { taskId }, new Date(result.at), attemptKey(taskId));
      } else if (result.kind === "deferred") {
        await addJob(db, TASKS.attempt, { taskId }, new Date(result.until), attemptKey(taskId));
      }
    },
    [TASKS.settle]: async (payload) => {
      const { taskId, attempt } = payload as { taskId: string; attempt: number };
      const result = await settleAttempt(deps, taskId, attempt);
      if (result.kind === "waiting") {
        await addJob(db, TASKS.settle, { taskId, attempt }, new Date(result.until), settleKey(taskId));
        return;
      }
      if (result.kind === "stale") return;
      if (result.kind === "retry") await addJob(db, TASKS.attempt, { taskId }, new Date(result.at), attemptKey(taskId));
      for (const waiting of result.wake) await addJob(db, TASKS.attempt, { taskId: waiting }, deps.now(), attemptKey(waiting));
    },
  };
}

export type EmbeddedWorker = { poolId: string; stop: () => Promise<void> };

/** Runs the call queue inside this process (the Next.js server, or a test). */
export async function startEmbeddedWorker(opts: {
  connectionString: string;
  deps: StepDeps;
  concurrency?: number;
  pollIntervalMs?: number;
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
  const beat = async () => {
    await db.workerPool.upsert({ where: { id }, create: { id, heartbeatAt: new Date() }, update: { heartbeatAt: new Date() } });
    await unlockDeadPools();
  };
  await beat();
  const timer = setInterval(() => void beat().catch((err: unknown) => console.error("[jobs] heartbeat failed", err)), HEARTBEAT_MS);
  timer.unref();
  // Wake-ups from the outbox reach graphile-worker on the same clock as its own polls.
  const stopRelay = startWakeupRelay(embeddedDriver, pollInterval);
  return {
    poolId: id,
    stop: async () => {
      clearInterval(timer);
      stopRelay();
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
