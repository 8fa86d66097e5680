import type pg from "pg";
import {
  LEADSQUARED_CALLS_PER_WINDOW,
  LEADSQUARED_SAFETY_MARGIN_MS,
  LEADSQUARED_WINDOW_MS,
  systemClock,
  type Clock,
  type RateLimiter,
} from "@/lib/crm/leadsquared/rate-limit";

export type BudgetSpec = { budget: string; limit: number; windowMs: number };

/**
 * The CRMs' published API budgets, each with rate-limit.ts's margin for network jitter. LeadSquared: 25 calls per 5 s
 * per account, and "1 call in 5 seconds" for every bulk API on every plan (api-facts §1.4). HubSpot private apps:
 * 100 per 10 s on Free/Starter, the lowest published burst limit (190 on Professional and Enterprise; §2.8).
 */
export const CRM_BUDGETS = {
  leadSquared: { budget: "standard", limit: LEADSQUARED_CALLS_PER_WINDOW, windowMs: LEADSQUARED_WINDOW_MS + LEADSQUARED_SAFETY_MARGIN_MS },
  leadSquaredBulk: { budget: "bulk", limit: 1, windowMs: LEADSQUARED_WINDOW_MS + LEADSQUARED_SAFETY_MARGIN_MS },
  hubSpotBurst: { budget: "burst", limit: 100, windowMs: 10_000 + LEADSQUARED_SAFETY_MARGIN_MS },
} as const satisfies Record<string, BudgetSpec>;

/**
 * Reserves the earliest call slot an account's budget allows, across every server process: the row holds the start
 * times of the last `limit` slots, and a row lock makes reservations one at a time. Like rate-limit.ts's window, at
 * most `limit` slots start within any `windowMs`. Times come from Postgres's clock, the one clock all processes share.
 */
export async function reserveSlot(pool: pg.Pool, account: string, spec: BudgetSpec): Promise<{ slotMs: number; waitMs: number }> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("INSERT INTO crm_rate_budgets (account, budget, slots) VALUES ($1, $2, '{}') ON CONFLICT DO NOTHING", [
      account,
      spec.budget,
    ]);
    const { rows } = await client.query<{ slots: string[] }>(
      "SELECT slots FROM crm_rate_budgets WHERE account = $1 AND budget = $2 FOR UPDATE",
      [account, spec.budget],
    );
    // Read after the lock is held, so a reservation that waited for another one sees the time it got the row.
    const now = await client.query<{ ms: string }>("SELECT floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint AS ms");
    const nowMs = Number(now.rows[0]!.ms);
    const recent = (rows[0]?.slots ?? []).map(Number);
    const oldest = recent.length < spec.limit ? undefined : recent[recent.length - spec.limit];
    const slotMs = oldest === undefined ? nowMs : Math.max(nowMs, oldest + spec.windowMs);
    const kept = [...recent, slotMs].slice(-spec.limit);
    await client.query("UPDATE crm_rate_budgets SET slots = $3::bigint[], updated_at = now() WHERE account = $1 AND budget = $2", [
      account,
      spec.budget,
      kept,
    ]);
    await client.query("COMMIT");
    return { slotMs, waitMs: slotMs - nowMs };
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

// A request must leave within this long of its slot. On a busy server a request can leave well after its slot (the
// event loop was busy) while the one `limit` slots later leaves on time, and the CRM then counts one too many in its
// window. The budget's window carries LEADSQUARED_SAFETY_MARGIN_MS of slack: half for a late start, half for the way
// to the CRM.
const LATE_MS = LEADSQUARED_SAFETY_MARGIN_MS / 2;
// A server so busy that it misses this many slots in a row gives the call back to its caller to try later.
const MISSED_SLOTS = 10;

/**
 * A RateLimiter (what the CRM clients take) backed by the shared budget: reserve a slot, sleep until it, and take a
 * new one when the caller would leave more than LATE_MS after it, so every request leaves within [slot, slot +
 * LATE_MS]. Lateness is measured on this process's clock from before the reservation, so it holds whatever Postgres's
 * clock says, and time spent waiting for the budget's row lock counts as late.
 */
export function createPgRateLimiter(options: { pool: pg.Pool; account: string; spec: BudgetSpec; clock?: Clock }): RateLimiter {
  const { pool, account, spec, clock = systemClock } = options;
  return {
    async acquire() {
      for (let missed = 0; missed < MISSED_SLOTS; missed++) {
        const asked = clock.now();
        const { waitMs } = await reserveSlot(pool, account, spec);
        if (waitMs > 0) await clock.sleep(waitMs);
        if (clock.now() - asked - Math.max(0, waitMs) <= LATE_MS) return;
      }
      throw new Error(`The server was too busy to send within ${LATE_MS} ms of its rate-limit slot ${MISSED_SLOTS} times running`);
    },
  };
}
