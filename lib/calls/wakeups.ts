import "server-only";
import { callDriver, type CallDriver, type Wakeup } from "@/lib/calls/driver";
import { coalesced } from "@/lib/coalesced";
import type { StepDeps } from "@/lib/calls/engine";
import { LIVE_STATUSES } from "@/lib/calls/state";
import { db, prepared, type Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

// A pass hands over at most this many wake-ups per transaction, and passes until none is due.
const BATCH = 500;

type Sql = Pick<Tx, "$executeRaw">;

/** Records when a task must wake, in the caller's transaction; a later decision for the same task replaces it. */
export async function queueWakeup(tx: Sql, w: Wakeup): Promise<void> {
  await queueWakeups(tx, [w]);
}

/** The only way a task is woken: every step writes its follow-up here, one statement for any number of tasks. */
export async function queueWakeups(tx: Sql, ws: Wakeup[]): Promise<void> {
  if (!ws.length) return;
  await tx.$executeRaw`${insertWakeups(ws, Prisma.sql`TRUE`)}`;
}

/**
 * A step that found nothing to do yet puts its tasks back to sleep until their time, but never later than a wake-up
 * queued meanwhile: a report that landed between the step's read and this write (its wake-up is "now") still wins.
 */
export async function sleepAgain(tx: Sql, ws: Wakeup[]): Promise<void> {
  if (!ws.length) return;
  await tx.$executeRaw`${insertWakeups(ws, Prisma.sql`TRUE`, "earlier")}`;
}

/**
 * The INSERT of queueWakeups as SQL for a statement of the caller's own, for the tasks `taskFilter` (on `w.task_id`)
 * lets through. A task's wake-up already queued is replaced (a new decision), or with `keep: "earlier"` only brought
 * forward.
 */
export function insertWakeups(ws: Wakeup[], taskFilter: Prisma.Sql, keep: "latest" | "earlier" = "latest"): Prisma.Sql {
  return Prisma.sql`INSERT INTO call_wakeups (task_id, agent_id, from_attempt, run_at)
    SELECT * FROM unnest(${ws.map((w) => w.taskId)}::text[], ${ws.map((w) => w.agentId)}::text[], ${ws.map((w) => w.fromAttempt)}::int[],
      ${ws.map((w) => w.runAt)}::timestamptz[]) AS w(task_id, agent_id, from_attempt, run_at)
    WHERE ${taskFilter}
    ON CONFLICT (task_id) DO UPDATE SET ${
      keep === "earlier"
        ? Prisma.sql`run_at = LEAST(call_wakeups.run_at, EXCLUDED.run_at)`
        : Prisma.sql`agent_id = EXCLUDED.agent_id, from_attempt = EXCLUDED.from_attempt, run_at = EXCLUDED.run_at`
    }`;
}

/**
 * Wake-up rows (task, agent, attempt, `now`) for the oldest due tasks of `agents` (a subquery), as many per agent as
 * it has slots free; `ending` (a subquery) are attempts this very statement ends, which its snapshot still sees live.
 * Concurrent callers pick the same oldest tasks, so together they wake as many as there are free slots.
 */
export function waitingForSlots(agents: Prisma.Sql, ending: Prisma.Sql | null, now: Date): Prisma.Sql {
  return Prisma.sql`SELECT w.id, w.agent_id, w.attempts_made + 1, ${now}::timestamptz
    FROM agents a CROSS JOIN LATERAL (
      SELECT t.id, t.agent_id, t.attempts_made FROM call_tasks t
      WHERE t.agent_id = a.id AND t.status = 'scheduled' AND t.next_attempt_at <= ${now}::timestamptz
      ORDER BY t.next_attempt_at LIMIT GREATEST(0, a.concurrency_cap - (SELECT count(*) FROM call_attempts c
        WHERE c.agent_id = a.id AND c.status = ANY(${[...LIVE_STATUSES]}::"AttemptStatus"[])
          ${ending ? Prisma.sql`AND c.id NOT IN (${ending})` : Prisma.empty}))) w
    WHERE a.id IN (${agents})`;
}

/** After a commit that queued wake-ups due now: hand them to this process's driver without waiting for its clock. */
export function wakeSoon(): void {
  const driver = callDriver();
  if (driver) void relaySoon(driver);
}

// How long a request waits for that pass: a slow driver (Inngest timing out) must not hold the CRM's request, and
// what the pass has not handed over by then stays in the outbox for the next one.
export const HAND_OVER_WAIT_MS = 2_000;

/**
 * After the commit that queued wake-ups: a pass now if the driver takes any of them now (a lead inside its calling
 * window, every lead under Inngest), so the call need not wait for the relay's clock. Leads for later cost nothing here.
 */
export async function handOverIfDue(driver: CallDriver | undefined, runAts: Date[]): Promise<void> {
  if (!driver) return;
  const horizon = driver.handOverAheadMs === null ? Infinity : Date.now() + driver.handOverAheadMs;
  if (!runAts.some((at) => at.getTime() <= horizon)) return;
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, HAND_OVER_WAIT_MS)));
  await Promise.race([relaySoon(driver), waited]).finally(() => clearTimeout(timer));
}

type Row = { task_id: string; agent_id: string; from_attempt: number; run_at: Date };

/**
 * Hands every wake-up due within the driver's horizon over to it and deletes it, in one transaction per batch. Rows
 * are claimed with SKIP LOCKED, so relays in several processes never hand one over twice; a failed hand-over rolls
 * back and the rows wait for the next pass. Returns how many were handed over.
 */
export async function relayWakeups(driver: CallDriver, now = new Date()): Promise<number> {
  const horizon = driver.handOverAheadMs === null ? null : new Date(now.getTime() + driver.handOverAheadMs);
  const due = Prisma.sql`SELECT task_id, agent_id, from_attempt, run_at FROM call_wakeups
    WHERE ${horizon}::timestamptz IS NULL OR run_at <= ${horizon}::timestamptz ORDER BY run_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`;
  const pass = async (): Promise<number> => {
    if (driver.handOverSql) {
      const [row] = await prepared<{ handed: number }>(Prisma.sql`WITH due AS (${due}),
        gone AS (DELETE FROM call_wakeups w USING due WHERE w.task_id = due.task_id RETURNING w.task_id, w.agent_id, w.from_attempt, w.run_at),
        taken AS (${driver.handOverSql})
        SELECT (SELECT count(*) FROM gone)::int AS handed, (SELECT count(*) FROM taken)::int AS jobs`);
      return row!.handed;
    }
    // Most passes find nothing: one indexed probe before opening a transaction.
    const [any] = await db.$queryRaw<
      Array<{ task_id: string }>
    >`SELECT task_id FROM call_wakeups WHERE ${horizon}::timestamptz IS NULL OR run_at <= ${horizon}::timestamptz LIMIT 1`;
    if (!any) return 0;
    return db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<Row[]>`${due}`;
      if (!rows.length) return 0;
      await driver.handOver(
        tx,
        rows.map((r) => ({ taskId: r.task_id, agentId: r.agent_id, fromAttempt: r.from_attempt, runAt: r.run_at })),
      );
      await tx.$executeRaw`DELETE FROM call_wakeups WHERE task_id = ANY(${rows.map((r) => r.task_id)})`;
      return rows.length;
    });
  };
  let total = 0;
  for (;;) {
    const handed = await pass();
    total += handed;
    // Another process holds the rest, or the batch emptied what was due.
    if (handed < BATCH) return total;
  }
}

const relays = new WeakMap<CallDriver, () => Promise<void>>();

// Passes start at most this often: in a rush, reports arrive every few milliseconds, and a pass (and the step it
// wakes) for each one would cost its round trips per call instead of per batch.
const RELAY_GAP_MS = 10;

/**
 * Runs a relay pass that starts after this call, sharing it with every caller meanwhile: under a burst of new
 * tasks, one pass serves many. Errors are logged, not thrown; the rows stay in the outbox for the next pass.
 */
export function relaySoon(driver: CallDriver): Promise<void> {
  let relay = relays.get(driver);
  if (!relay) {
    relay = coalesced(
      () =>
        relayWakeups(driver).then(
          () => {},
          (err: unknown) => console.error("[jobs] wake-up relay failed", err),
        ),
      RELAY_GAP_MS,
    );
    relays.set(driver, relay);
  }
  return relay();
}

/** The relay's clock in a long-running process: wake-ups coming due are handed over within `everyMs`. */
export function startWakeupRelay(driver: CallDriver, everyMs: number): () => void {
  const timer = setInterval(() => void relaySoon(driver), everyMs);
  timer.unref();
  void relaySoon(driver);
  return () => clearInterval(timer);
}

/**
 * The owner of every deadline: wakes each open task whose deadline (state.ts, deadlineOf) passed more than
 * sweepGraceMs ago and that has no wake-up waiting in the outbox. A due task held back by its agent's cap counts only
 * once a slot is free (as many of the oldest as there are free slots), so a long queue at a busy agent costs nothing. It only queues wake-ups, so running it twice, or in
 * several processes at once, is harmless; a transaction-scoped advisory lock keeps concurrent passes from doing the
 * same work. Returns how many tasks it woke.
 */
export type SweepTimings = Pick<StepDeps, "outcomeTimeoutMs" | "dialInFlightMs" | "sweepGraceMs">;

export async function sweepOverdue(timings: SweepTimings, opts: { now?: Date; limit?: number } = {}): Promise<number> {
  const now = opts.now ?? new Date();
  const before = new Date(now.getTime() - timings.sweepGraceMs);
  const dialStuck = new Date(before.getTime() - timings.dialInFlightMs);
  const reportLate = new Date(before.getTime() - timings.outcomeTimeoutMs);
  const [, woken] = await db.$transaction([
    db.$queryRaw`SELECT pg_try_advisory_xact_lock(hashtextextended('call-sweeper', 0))`,
    db.$executeRaw`INSERT INTO call_wakeups (task_id, agent_id, from_attempt, run_at)
      SELECT t.id, t.agent_id, t.attempts_made + 1, ${now}::timestamptz FROM call_tasks t
      WHERE pg_try_advisory_xact_lock(hashtextextended('call-sweeper', 0))
        AND ((t.status = 'scheduled' AND t.next_attempt_at <= ${before}::timestamptz AND t.id IN (SELECT w.id FROM (
              ${waitingForSlots(Prisma.sql`SELECT DISTINCT agent_id FROM call_tasks WHERE status = 'scheduled' AND next_attempt_at <= ${before}::timestamptz`, null, before)}
            ) AS w(id, agent_id, from_attempt, run_at)))
          OR (t.status = 'resolving' AND t.updated_at <= ${before}::timestamptz)
          OR (t.status = 'dialing' AND t.updated_at <= ${dialStuck}::timestamptz)
          OR (t.status = 'in_progress' AND t.updated_at <= ${reportLate}::timestamptz))
        AND NOT EXISTS (SELECT 1 FROM call_wakeups w WHERE w.task_id = t.id)
      LIMIT ${opts.limit ?? 5000}
      ON CONFLICT (task_id) DO NOTHING`,
  ]);
  return woken;
}

/** The sweeper's clock in a long-running process; a failed pass (Postgres away) is logged and tried on the next tick. */
export function startSweeper(everyMs: number, timings: SweepTimings): () => void {
  const tick = () =>
    void sweepOverdue(timings).then(
      (n) => n && wakeSoon(),
      (err: unknown) => console.error("[calls] sweep failed:", (err as Error).message),
    );
  const timer = setInterval(tick, everyMs);
  timer.unref();
  tick();
  return () => clearInterval(timer);
}
