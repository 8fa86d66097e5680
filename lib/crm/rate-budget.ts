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
 * Reserves the next `count` call slots (at most `limit`) an account's budget allows, across every server process, in
 * one statement: the row holds the start times of the last `limit` slots, and its row lock makes reservations one at a
 * time. Like rate-limit.ts's window, at most `limit` slots start within any `windowMs`. Times come from Postgres's
 * clock, read once the row is locked, the one clock all processes share.
 */
export async function reserveSlots(
  pool: pg.Pool,
  account: string,
  spec: BudgetSpec,
  count: number,
  /** Called once a connection is held, right before the statement: a wait for the pool is no lateness. */
  connected?: () => void,
): Promise<{ slotsMs: number[]; waitsMs: number[] }> {
  if (!Number.isInteger(count) || count < 1 || count > spec.limit) throw new RangeError("count must be 1 to the budget's limit");
  // New slot i (1-based) comes `limit` slots after the kept slot at n + i - limit (none yet: now); with count <= limit
  // that slot is always an earlier one. The row's first reservation takes the insert path, where no lock is waited for.
  const client = await pool.connect();
  connected?.();
  const { rows } = await client
    .query<{ slots: string[]; now_ms: string }>(
      `WITH clock AS (SELECT floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint AS ms)
     INSERT INTO crm_rate_budgets AS b (account, budget, slots)
       SELECT $1, $2, array_agg(c.ms ORDER BY i) FROM clock c, generate_series(1, $5::int) i
     ON CONFLICT (account, budget) DO UPDATE SET slots = (
       SELECT (coalesce(b.slots, '{}') || array_agg(greatest(t.ms, b.slots[cardinality(b.slots) + i - $3::int] + $4::bigint) ORDER BY i))
         [greatest(cardinality(b.slots) + $5::int - $3::int + 1, 1):]
       FROM (SELECT floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint AS ms) t, generate_series(1, $5::int) i
     ), updated_at = now()
     RETURNING b.slots[cardinality(b.slots) - $5::int + 1:] AS slots, floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint AS now_ms`,
      [account, spec.budget, spec.limit, spec.windowMs, count],
    )
    .finally(() => client.release());
  const nowMs = Number(rows[0]!.now_ms);
  const slotsMs = rows[0]!.slots.map(Number);
  return { slotsMs, waitsMs: slotsMs.map((slot) => Math.max(0, slot - nowMs)) };
}

/**
 * Records that a request given `slotMs` may have reached the CRM as late as `arrivedByMs` (Postgres's clock): the
 * slot's time moves there, so slots reserved from now on keep a full window after it. The slots stay in order.
 */
export async function moveSlot(pool: pg.Pool, account: string, spec: BudgetSpec, slotMs: number, arrivedByMs: number): Promise<void> {
  await pool.query(
    `UPDATE crm_rate_budgets SET updated_at = now(), slots = (
       SELECT array_agg(v ORDER BY v) FROM unnest(slots[:array_position(slots, $3::bigint) - 1] || $4::bigint
         || slots[array_position(slots, $3::bigint) + 1:]) v)
     WHERE account = $1 AND budget = $2 AND $3::bigint = ANY(slots)`,
    [account, spec.budget, slotMs, arrivedByMs],
  );
}

/**
 * Moves `count` of the slots at `slotMs` to now (Postgres's clock at the statement's start), for callers that missed
 * them: null when fewer are still in the row. A slot still among the row's last `limit` has no later slot reserved
 * from it, and slots already dropped from the row are earlier than every kept one, so moving it later keeps at most
 * `limit` slots in any window: a late start costs a round trip, not the window that a new slot would wait.
 */
export async function retakeSlots(
  pool: pg.Pool,
  account: string,
  spec: BudgetSpec,
  slotMs: number,
  count: number,
  /** As reserveSlots'. */
  connected?: () => void,
): Promise<{ slotMs: number; waitMs: number } | null> {
  const client = await pool.connect();
  connected?.();
  const { rows } = await client
    .query<{ slot_ms: string; now_ms: string }>(
      `WITH clock AS (SELECT floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint AS ms)
     UPDATE crm_rate_budgets SET updated_at = now(), slots = (
       SELECT array_agg(v ORDER BY v) FROM unnest(array_remove(slots, $3::bigint)
         || array_fill($3::bigint, ARRAY[cardinality(array_positions(slots, $3::bigint)) - $4::int])
         || array_fill(greatest(clock.ms, $3::bigint), ARRAY[$4::int])) v)
     FROM clock
     WHERE account = $1 AND budget = $2 AND cardinality(array_positions(slots, $3::bigint)) >= $4::int
     RETURNING greatest(clock.ms, $3::bigint) AS slot_ms, floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint AS now_ms`,
      [account, spec.budget, slotMs, count],
    )
    .finally(() => client.release());
  if (!rows[0]) return null;
  // At or before now: the time the statement took counts as lateness.
  return { slotMs: Number(rows[0].slot_ms), waitMs: Number(rows[0].slot_ms) - Number(rows[0].now_ms) };
}

/** One slot: reserveSlots for a single caller. */
export async function reserveSlot(pool: pg.Pool, account: string, spec: BudgetSpec): Promise<{ slotMs: number; waitMs: number }> {
  const { slotsMs, waitsMs } = await reserveSlots(pool, account, spec, 1);
  return { slotMs: slotsMs[0]!, waitMs: waitsMs[0]! };
}

// A request must leave within this long of its slot. On a busy server a request can leave well after its slot (the
// event loop was busy) while the one `limit` slots later leaves on time, and the CRM then counts one too many in its
// window. The budget's window carries LEADSQUARED_SAFETY_MARGIN_MS of slack: half for a late start, half for the way
// to the CRM.
const LATE_MS = LEADSQUARED_SAFETY_MARGIN_MS / 2;
// A server so busy that it misses this many slots in a row gives the call back to its caller to try later.
const MISSED_SLOTS = 10;

type Waiter = { missed: number; go: (answered: () => Promise<void>) => void; fail: (err: Error) => void };
type Queue = { waiting: Waiter[]; reserving: boolean };

// The callers of one budget in this process queue here, and one statement reserves slots for up to `limit` of them at
// once: a burst no longer lines up on the budget's row lock, where each wait counted against its own slot and a missed
// slot was budget spent for nothing. Keyed by pool, as a test's second pool stands for another process.
const queues = new WeakMap<pg.Pool, Map<string, Queue>>();

/**
 * A RateLimiter (what the CRM clients take) backed by the shared budget: reserve a slot, sleep until it, and when the
 * caller would leave more than LATE_MS after it, move the slot to now (retakeSlots; a new slot when it cannot), so
 * every request leaves within [slot, slot + LATE_MS]. Lateness is measured on this process's clock from when the
 * reservation was sent, so it holds whatever Postgres's clock says, and time spent waiting for the budget's row lock
 * counts as late.
 */
export function createPgRateLimiter(options: { pool: pg.Pool; account: string; spec: BudgetSpec; clock?: Clock }): RateLimiter {
  const { pool, account, spec, clock = systemClock } = options;
  const byKey = queues.get(pool) ?? new Map<string, Queue>();
  queues.set(pool, byKey);
  const key = `${spec.budget} ${account}`;

  const reserve = async (queue: Queue): Promise<void> => {
    queue.reserving = true;
    try {
      // Callers that reach the budget in one turn of the event loop (a drain pass's handlers resuming from one shared
      // read) reserve in one statement: a first caller alone would take an earlier slot time than the rest, and each
      // window after would repeat that spread.
      await new Promise((resolve) => setImmediate(resolve));
      while (queue.waiting.length) {
        const batch = queue.waiting.splice(0, spec.limit);
        let sent = clock.now();
        let reserved: { slotsMs: number[]; waitsMs: number[] };
        try {
          reserved = await reserveSlots(pool, account, spec, batch.length, () => (sent = clock.now()));
        } catch (err) {
          for (const w of batch) w.fail(err as Error);
          continue;
        }
        // The callers given one slot time share one timer and one lateness check, taken before any of them sends: a
        // burst's own sends must not make its last callers late.
        const bySlot = new Map<number, { waitMs: number; waiters: Waiter[] }>();
        batch.forEach((w, i) => {
          const slotMs = reserved.slotsMs[i]!;
          const group = bySlot.get(slotMs) ?? { waitMs: reserved.waitsMs[i]!, waiters: [] };
          group.waiters.push(w);
          bySlot.set(slotMs, group);
        });
        for (const [slotMs, { waitMs, waiters }] of bySlot) start(slotMs, waitMs, sent, waiters);
      }
    } finally {
      queue.reserving = false;
      if (!queue.waiting.length && byKey.get(key) === queue) byKey.delete(key);
    }
  };

  /**
   * Lets the callers of one slot go when it comes (`sent`: when the statement that gave it was sent, `waitMs`: how
   * long after its answer the slot starts). Callers that would leave late move their slot to now when it is still in
   * the budget's row, and take a new one only when it is not.
   */
  const start = (slotMs: number, waitMs: number, sent: number, waiters: Waiter[]) => {
    const lateBy = () => clock.now() - sent - waitMs;
    void (waitMs > 0 ? clock.sleep(waitMs) : Promise.resolve()).then(async () => {
      if (lateBy() <= LATE_MS) {
        // An answer later than the margin after the slot: the request may have arrived that late (a stalled event
        // loop, a slow network), so the slot moves to where it may have landed before the next reservation.
        const answered = async () => {
          const late = lateBy() - LEADSQUARED_SAFETY_MARGIN_MS;
          if (late > 0) await moveSlot(pool, account, spec, slotMs, slotMs + late).catch(() => {});
        };
        for (const w of waiters) w.go(answered);
        return;
      }
      const retrying: Waiter[] = [];
      for (const w of waiters) {
        if (++w.missed < MISSED_SLOTS) retrying.push(w);
        else w.fail(new Error(`The server was too busy to send within ${LATE_MS} ms of its rate-limit slot ${MISSED_SLOTS} times running`));
      }
      if (!retrying.length) return;
      let resent = clock.now();
      let moved: { slotMs: number; waitMs: number } | null;
      try {
        moved = await retakeSlots(pool, account, spec, slotMs, retrying.length, () => (resent = clock.now()));
      } catch (err) {
        for (const w of retrying) w.fail(err as Error);
        return;
      }
      if (moved) start(moved.slotMs, moved.waitMs, resent, retrying);
      else for (const w of retrying) enqueue(w);
    });
  };

  const enqueue = (w: Waiter) => {
    const queue = byKey.get(key) ?? { waiting: [], reserving: false };
    byKey.set(key, queue);
    queue.waiting.push(w);
    if (!queue.reserving) void reserve(queue);
  };

  return {
    acquire: () => new Promise<() => Promise<void>>((go, fail) => enqueue({ missed: 0, go, fail })),
  };
}
