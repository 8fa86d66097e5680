import "server-only";
import { db, type Tx } from "@/lib/db";
import type { JobDriver, Wakeup } from "@/lib/jobs/driver";

// A pass hands over at most this many wake-ups per transaction, and passes until none is due.
const BATCH = 500;

/** Records when a task must wake, in the caller's transaction; a later decision for the same task replaces it. */
export async function queueWakeup(tx: Pick<Tx, "$executeRaw">, w: Wakeup): Promise<void> {
  await tx.$executeRaw`INSERT INTO call_wakeups (task_id, agent_id, from_attempt, run_at) VALUES (${w.taskId}, ${w.agentId}, ${w.fromAttempt}, ${w.runAt}::timestamptz)
    ON CONFLICT (task_id) DO UPDATE SET agent_id = EXCLUDED.agent_id, from_attempt = EXCLUDED.from_attempt, run_at = EXCLUDED.run_at`;
}

// How long a request waits for that pass: a slow driver (Inngest timing out) must not hold the CRM's request, and
// what the pass has not handed over by then stays in the outbox for the next one.
export const HAND_OVER_WAIT_MS = 2_000;

/**
 * After the commit that queued wake-ups: a pass now if the driver takes any of them now (a lead inside its calling
 * window, every lead under Inngest), so the call need not wait for the relay's clock. Leads for later cost nothing here.
 */
export async function handOverIfDue(driver: JobDriver, runAts: Date[]): Promise<void> {
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
export async function relayWakeups(driver: JobDriver, now = new Date()): Promise<number> {
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

const relays = new WeakMap<JobDriver, () => Promise<void>>();

/**
 * Runs a relay pass that starts after this call, sharing it with every caller meanwhile: under a burst of new
 * tasks, one pass serves many. Errors are logged, not thrown; the rows stay in the outbox for the next pass.
 */
export function relaySoon(driver: JobDriver): Promise<void> {
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
function coalesced(run: () => Promise<void>): () => Promise<void> {
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
export function startWakeupRelay(driver: JobDriver, everyMs: number): () => void {
  const timer = setInterval(() => void relaySoon(driver), everyMs);
  timer.unref();
  void relaySoon(driver);
  return () => clearInterval(timer);
}
