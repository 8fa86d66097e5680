import "server-only";
import type { Tx } from "@/lib/db";

/**
 * How call tasks are woken: the embedded Postgres queue by default, Inngest when configured. Drivers only wake;
 * every decision lives in lib/calls/steps.ts and the state in Postgres.
 */
/** A job as graphile-worker's add_jobs() takes it (its job_spec type), for statements that enqueue without a client. */
export type JobSpec = { identifier: string; payload: Record<string, unknown>; queue_name: string; run_at: string; max_attempts: number; job_key: string };

export interface JobDriver {
  readonly name: "embedded" | "inngest";
  /** Inside the transaction that creates or reschedules the task, so nothing is acknowledged before it is durable. */
  scheduleInTransaction(tx: Tx, taskId: string, runAt: Date): Promise<void>;
  /** Drivers whose jobs live in Postgres: the job that first wakes a new task, to be added by the statement that inserts it. */
  firstJob?(taskId: string, runAt: Date): JobSpec;
  /** After that transaction committed; `fromAttempt` tells runs of the same task apart. */
  afterCommit(tasks: Array<{ taskId: string; agentId: string; fromAttempt: number }>): Promise<void>;
  /** A provider's report was recorded: settle the attempt now instead of at its timeout. */
  attemptEnded(taskId: string, attempt: number): Promise<void>;
  cancelled(taskId: string): Promise<void>;
}
