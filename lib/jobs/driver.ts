import "server-only";
import type { Tx } from "@/lib/db";

/** A task to wake at `runAt`, from the outbox (call_wakeups); `fromAttempt` tells runs of the same task apart. */
export type Wakeup = { taskId: string; agentId: string; fromAttempt: number; runAt: Date };

/**
 * How call tasks are woken: the embedded Postgres queue by default, Inngest when configured. Drivers only wake;
 * every decision lives in lib/calls/steps.ts and the state in Postgres. A new or re-opened task's first wake-up goes
 * through the outbox (lib/jobs/wakeups.ts), so it is durable in the task's own transaction whichever driver runs.
 */
export interface JobDriver {
  readonly name: "embedded" | "inngest";
  /** How long before its time the relay hands a wake-up over; null: at once, however far ahead. */
  readonly handOverAheadMs: number | null;
  /** Inside the relay's transaction, which then deletes the wake-ups: a throw leaves them for the next pass. */
  handOver(tx: Tx, wakeups: Wakeup[]): Promise<void>;
  /** A provider's report was recorded: settle the attempt now instead of at its timeout. */
  attemptEnded(taskId: string, attempt: number): Promise<void>;
  cancelled(taskId: string): Promise<void>;
}
