import "server-only";
import type { CallDriver, Wakeup } from "@/lib/calls/driver";

/** The one graphile-worker task: wake these call tasks (lib/calls/engine.ts, advanceTasks). */
export const WAKE_TASK = "call_wake";

/** graphile-worker retries a failed job with exp(min(10, n)) s backoff; the sweeper covers what it gives up on. */
export const MAX_JOB_ATTEMPTS = 12;

// How far ahead the relay hands wake-ups to graphile-worker: a few of its polls, so a job is in place before it is due
// while the many leads carried over to tomorrow stay out of its tables (each add_jobs also wakes every worker).
export const EMBEDDED_HAND_OVER_AHEAD_MS = 10_000;

/**
 * The default driver: graphile-worker's tables in the same Postgres, filled from the outbox in the relay's
 * transaction. Wake-ups due in the same second share one job, so a morning rush is claimed and dialed in batches.
 * No job keys or named queues: a job stranded by a lost connection never blocks a later wake-up of its tasks.
 */
export const embeddedDriver: CallDriver = {
  name: "embedded",
  handOverAheadMs: EMBEDDED_HAND_OVER_AHEAD_MS,
  handOver: async (tx, wakeups) => {
    const bySecond = new Map<number, Wakeup[]>();
    for (const w of wakeups) {
      const second = Math.ceil(w.runAt.getTime() / 1000);
      bySecond.set(second, [...(bySecond.get(second) ?? []), w]);
    }
    const specs = [...bySecond.values()].map((ws) => ({
      identifier: WAKE_TASK,
      payload: { taskIds: ws.map((w) => w.taskId) },
      run_at: new Date(Math.max(...ws.map((w) => w.runAt.getTime()))).toISOString(),
      max_attempts: MAX_JOB_ATTEMPTS,
    }));
    await tx.$executeRaw`SELECT count(*) FROM graphile_worker.add_jobs(ARRAY(SELECT jsonb_populate_record(NULL::graphile_worker.job_spec, s) FROM jsonb_array_elements(${JSON.stringify(specs)}::jsonb) s))`;
  },
};
