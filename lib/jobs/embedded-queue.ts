import "server-only";
import { db, type Tx } from "@/lib/db";
import type { JobDriver } from "@/lib/jobs/driver";

export const TASKS = { attempt: "call_attempt", settle: "call_settle" } as const;

// One attempt job and one settle job per task at most: re-adding under the same key reschedules instead of duplicating.
export const attemptKey = (taskId: string) => `call:${taskId}`;
export const settleKey = (taskId: string) => `settle:${taskId}`;

/** graphile-worker retries a failed job with exp(min(10, n)) s backoff; 12 tries cover about six hours of provider outage. */
export const MAX_JOB_ATTEMPTS = 12;

type Sql = Pick<Tx, "$executeRaw">;

const queueOf = (taskId: string) => `task:${taskId}`;

/**
 * Every job of a task goes to the task's own named queue, which graphile-worker runs one job at a time: a wake-up
 * never races a dial in flight for the same task. `preserve_run_at` adds the job only if none is pending under the
 * key, leaving an earlier wake-up in place.
 */
export function addJob(
  sql: Sql,
  task: string,
  payload: { taskId: string; attempt?: number },
  runAt: Date,
  key: string,
  mode: "replace" | "preserve_run_at" = "replace",
) {
  return sql.$executeRaw`SELECT graphile_worker.add_job(${task}, ${JSON.stringify(payload)}::json, queue_name := ${queueOf(payload.taskId)},
    run_at := ${runAt}::timestamptz, job_key := ${key}, max_attempts := ${MAX_JOB_ATTEMPTS}, job_key_mode := ${mode})`;
}

// How far ahead the relay hands wake-ups to graphile-worker: a few of its polls, so a job is in place before it is due
// while the many leads carried over to tomorrow stay out of its tables (each add_jobs also wakes every worker).
export const EMBEDDED_HAND_OVER_AHEAD_MS = 10_000;

/** The default driver: graphile-worker's tables in the same Postgres, filled from the outbox in the relay's transaction. */
export const embeddedDriver: JobDriver = {
  name: "embedded",
  handOverAheadMs: EMBEDDED_HAND_OVER_AHEAD_MS,
  handOver: async (tx, wakeups) => {
    const specs = wakeups.map((w) => ({
      identifier: TASKS.attempt,
      payload: { taskId: w.taskId },
      queue_name: queueOf(w.taskId),
      run_at: w.runAt.toISOString(),
      max_attempts: MAX_JOB_ATTEMPTS,
      job_key: attemptKey(w.taskId),
    }));
    await tx.$executeRaw`SELECT count(*) FROM graphile_worker.add_jobs(ARRAY(SELECT jsonb_populate_record(NULL::graphile_worker.job_spec, s) FROM jsonb_array_elements(${JSON.stringify(specs)}::jsonb) s))`;
  },
  attemptEnded: async (taskId, attempt) => void (await addJob(db, TASKS.settle, { taskId, attempt }, new Date(), settleKey(taskId))),
  cancelled: async (taskId) => {
    await db.$executeRaw`SELECT graphile_worker.remove_job(${attemptKey(taskId)})`;
    await db.$executeRaw`SELECT graphile_worker.remove_job(${settleKey(taskId)})`;
  },
};
