import "server-only";
import type { Tx } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

/** A task to wake at `runAt`, from the outbox (call_wakeups); `fromAttempt` tells wake-ups of one task apart. */
export type Wakeup = { taskId: string; agentId: string; fromAttempt: number; runAt: Date };

/**
 * The driver port. A driver only wakes tasks: it takes due wake-ups from the outbox (lib/calls/wakeups.ts) and, when
 * each comes due, runs advanceTasks (lib/calls/engine.ts). Every decision and every state change lives in lib/calls.
 * The embedded driver is lib/jobs (graphile-worker); Inngest's is inngest/driver.ts.
 */
export type CallDriver = {
  readonly name: "embedded" | "inngest";
  /** How long before its time the relay hands a wake-up over; null: at once, however far ahead. */
  readonly handOverAheadMs: number | null;
} & (
  | {
      /** Inside the relay's transaction, which then deletes the wake-ups: a throw leaves them for the next pass. */
      handOver(tx: Tx, wakeups: Wakeup[]): Promise<void>;
      handOverSql?: never;
    }
  | {
      /**
       * A queue in this same Postgres takes wake-ups in the statement that deletes them from the outbox: SQL over a
       * CTE `gone` (task_id, agent_id, from_attempt, run_at) that enqueues them. One round trip per batch.
       */
      handOverSql: Prisma.Sql;
      handOver?: never;
    }
);

// On globalThis: Next bundles instrumentation.ts and the route handlers apart, and both must see one registration.
const registry = globalThis as unknown as { leadlineCallDriver?: CallDriver };

/** Called once at start-up by the composition root (instrumentation.ts, or a test): which driver wakes tasks here. */
export function registerCallDriver(driver: CallDriver | undefined): void {
  registry.leadlineCallDriver = driver;
}

/** The registered driver; undefined in a process that only writes (a script): its wake-ups wait in the outbox. */
export function callDriver(): CallDriver | undefined {
  return registry.leadlineCallDriver;
}
