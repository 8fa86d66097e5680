import "server-only";
import type { CallDriver } from "@/lib/calls/driver";
import { Prisma } from "@/lib/generated/prisma/client";

/** The one graphile-worker task: wake these call tasks (lib/calls/engine.ts, advanceTasks). */
export const WAKE_TASK = "call_wake";

/** graphile-worker retries a failed job with exp(min(10, n)) s backoff; the sweeper covers what it gives up on. */
export const MAX_JOB_ATTEMPTS = 12;

// How far ahead the relay hands wake-ups to graphile-worker: a few of its polls, so a job is in place before it is due
// while the many leads carried over to tomorrow stay out of its tables (each add_jobs also wakes every worker).
export const EMBEDDED_HAND_OVER_AHEAD_MS = 10_000;

/**
 * The SQL that turns the relay's deleted wake-ups (`gone`) into graphile-worker jobs, one job per `groupBy` value,
 * due at the latest wake-up of its group.
 */
export function addWakeJobs(groupBy: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT count(*) FROM graphile_worker.add_jobs(ARRAY(
    SELECT jsonb_populate_record(NULL::graphile_worker.job_spec, jsonb_build_object('identifier', ${WAKE_TASK}::text,
      'payload', jsonb_build_object('taskIds', jsonb_agg(task_id)), 'run_at', max(run_at), 'max_attempts', ${MAX_JOB_ATTEMPTS}::int))
    FROM gone GROUP BY ${groupBy}))`;
}

/**
 * The default driver: graphile-worker's tables in the same Postgres, filled in the relay's statement. Wake-ups due in
 * the same second share one job, so a morning rush is claimed and dialed in batches. No job keys or named queues: a
 * job stranded by a lost connection never blocks a later wake-up of its tasks.
 */
export const embeddedDriver: CallDriver = {
  name: "embedded",
  handOverAheadMs: EMBEDDED_HAND_OVER_AHEAD_MS,
  handOverSql: addWakeJobs(Prisma.sql`ceil(extract(epoch FROM run_at))`),
};
