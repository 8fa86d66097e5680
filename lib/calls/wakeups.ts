import "server-only";
import { db, type Tx } from "@/lib/db";
import { callDriver, type CallDriver, type Wakeup } from "@/lib/calls/driver";
import type { StepDeps } from "@/lib/calls/engine";

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
  await tx.$executeRaw`INSERT INTO call_wakeups (task_id, agent_id, from_attempt, run_at)
    SELECT * FROM unnest(${ws.map((w) => w.taskId)}::text[], ${ws.map((w) => w.agentId)}::text[], ${ws.map((w) => w.fromAttempt)}::int[],
      ${ws.map((w) => w.runAt)}::timestamptz[])
    ON CONFLICT (task_id) DO UPDATE SET agent_id = EXCLUDED.agent_id, from_attempt = EXCLUDED.from_attempt, run_at = EXCLUDED.run_at`;
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
  let total = 0;
  for (;;) {
    // Most passes find nothing: one indexed probe before opening a transaction.
    const [due] = await db.$queryRaw<
      Array<{ task_id: string }>
    >`SELECT task_id FROM call_wakeups WHERE ${horizon}::timestamptz IS NULL OR run_at <= ${horizon}::timestamptz LIMIT 1`;
    if (!due) return total;
    const handed = await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<Row[]>`SELECT task_id, agent_id, from_attempt, run_at FROM call_wakeups
        WHERE ${horizon}::timestamptz IS NULL OR run_at <= ${horizon}::timestamptz ORDER BY run_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`;
      if (!rows.length) return 0;
      await driver.handOver(
        tx,
        rows.map((r) => ({ taskId: r.task_id, agentId: r.agent_id, fromAttempt: r.from_attempt, runAt: r.run_at })),
      );
      await tx.$executeRaw`DELETE FROM call_wakeups WHERE task_id = ANY(${rows.map((r) => r.task_id)})`;
      return rows.length;
    });
    total += handed;
    // Another process holds the rest, or the batch emptied what was due.
    if (handed < BATCH) return total;
  }
}

const relays = new WeakMap<CallDriver, () => Promise<void>>();

/**
 * Runs a relay pass that starts after this call, sharing it with every caller meanwhile: under a burst of new
 * tasks, one pass serves many. Errors are logged, not thrown; the rows stay in the outbox for the next pass.
 */
export function relaySoon(driver: CallDriver): Promise<void> {
  let relay = relays.get(driver);
  if (!relay) {
    relay = coalesced(() =>
      relayWakeups(driver).then(
        () => {},
        (err: unknown) => console.error("[jobs] wake-up relay failed", err),
      ),
    );
    relays.set(driver, relay);
  }
  return relay();
}

/** `run`, never twice at once: a call while it runs gets the next run, which one call or many share. */
export function coalesced(run: () => Promise<void>): () => Promise<void> {
  let current: Promise<void> | null = null;
  let next: Promise<void> | null = null;
  const request = (): Promise<void> => {
    if (!current) {
      current = run().finally(() => (current = null));
      return current;
    }
    next ??= current.then(() => {
      next = null;
      return request();
    });
    return next;
  };
  return request;
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
 * sweepGraceMs ago and that has no wake-up waiting in the outbox. It only queues wake-ups, so running it twice, or in
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
        AND ((t.status = 'scheduled' AND t.next_attempt_at <= ${before}::timestamptz)
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
