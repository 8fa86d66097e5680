import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFakeLeadSquared, FAKE_LSQ_LEADS } from "@/e2e/support/fakes/leadsquared";
import { createLeadSquaredClient } from "@/lib/crm/leadsquared/client";
import { truncateAll } from "@/test/databases";
import { CRM_BUDGETS, createPgRateLimiter, moveSlot, reserveSlot, retakeSlots } from "./rate-budget";

// Two pools stand for two server processes: nothing in memory is shared, only Postgres.
let processA: pg.Pool;
let processB: pg.Pool;
beforeAll(() => {
  processA = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
  processB = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
});
afterAll(async () => {
  await processA.end();
  await processB.end();
});
beforeEach(() => truncateAll(process.env.DATABASE_URL!));

function maxInAnyWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

/** `pool` as a process whose first query's answer is handled `ms` late. */
function firstAnswerLate(pool: pg.Pool, ms: number): pg.Pool {
  let late = true;
  const connect = async () => {
    const client = await pool.connect();
    const query = client.query.bind(client);
    return Object.assign(Object.create(client) as pg.PoolClient, {
      query: async (...args: Parameters<typeof query>) => {
        const result = await query(...args);
        if (late) await new Promise((r) => setTimeout(r, ms));
        late = false;
        return result;
      },
      release: () => client.release(),
    });
  };
  return Object.assign(Object.create(pool) as pg.Pool, { connect });
}

describe("the shared CRM budget", () => {
  it("two processes reserving at once never get more than `limit` slots in any window", async () => {
    const spec = { budget: "standard", limit: 5, windowMs: 400 };
    const reserve = (pool: pg.Pool) => reserveSlot(pool, "leadsquared:61234", spec);
    const slots = await Promise.all(Array.from({ length: 30 }, (_, i) => reserve(i % 2 ? processA : processB)));
    const times = slots.map((s) => s.slotMs);
    expect(maxInAnyWindow(times, spec.windowMs)).toBe(5);
    expect(new Set(times).size).toBeGreaterThanOrEqual(6);
    // 30 slots at 5 per 400 ms: the last starts at least 5 windows after the first.
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThanOrEqual(5 * 400);
    const { rows } = await processA.query("SELECT account, budget, cardinality(slots) AS kept FROM crm_rate_budgets");
    expect(rows).toEqual([{ account: "leadsquared:61234", budget: "standard", kept: 5 }]);
  });

  it("budgets are per account and per budget: another account or the bulk budget is not slowed", async () => {
    const spec = { budget: "standard", limit: 2, windowMs: 10_000 };
    await reserveSlot(processA, "leadsquared:1", spec);
    await reserveSlot(processA, "leadsquared:1", spec);
    expect((await reserveSlot(processB, "leadsquared:1", spec)).waitMs).toBeGreaterThan(9_000);
    expect((await reserveSlot(processB, "leadsquared:2", spec)).waitMs).toBe(0);
    expect((await reserveSlot(processB, "leadsquared:1", { ...spec, budget: "bulk", limit: 1 })).waitMs).toBe(0);
  });

  it("two processes calling the fake LeadSquared (5 per 300 ms) through it get no 429", async () => {
    const fake = createFakeLeadSquared({ rateLimit: { limit: 5, windowMs: 300 } });
    await fake.start();
    try {
      // As in client.test.ts, the margin (200 ms of 300) stands in for production's 250 ms of 5 s on a busy test machine.
      const spec = { budget: "standard", limit: 5, windowMs: 500 };
      const clientOf = (pool: pg.Pool) =>
        createLeadSquaredClient({
          baseUrl: fake.baseUrl,
          accessKey: fake.accessKey,
          secretKey: fake.secretKey,
          limiter: createPgRateLimiter({ pool, account: "leadsquared:61234", spec }),
        });
      const a = clientOf(processA);
      const b = clientOf(processB);
      const leadId = FAKE_LSQ_LEADS[0]!.ProspectID!;
      const leads = await Promise.all(Array.from({ length: 16 }, (_, i) => (i % 2 ? a : b).getLead(leadId)));
      expect(leads.map((l) => l?.FirstName)).toEqual(Array(16).fill("Asha"));
      expect(fake.requests.map((r) => r.status)).toEqual(Array(16).fill(200));
    } finally {
      await fake.stop();
    }
  });

  it("a burst in one process reserves together and spends no slot for nothing: the second window follows the first", async () => {
    const spec = { budget: "standard", limit: 5, windowMs: 400 };
    const limiter = createPgRateLimiter({ pool: processA, account: "leadsquared:61234", spec });
    const start = Date.now();
    const granted = await Promise.all(Array.from({ length: 10 }, () => limiter.acquire().then(() => Date.now() - start)));
    const sorted = [...granted].sort((x, y) => x - y);
    expect(sorted[4]!).toBeLessThan(spec.windowMs);
    expect(sorted[5]!).toBeGreaterThanOrEqual(spec.windowMs - 5);
    // Ten slots took exactly ten: the row keeps the last five, the second window's.
    const { rows } = await processA.query<{ slots: string[] }>("SELECT slots FROM crm_rate_budgets");
    const slots = rows[0]!.slots.map(Number);
    expect(slots).toHaveLength(5);
    expect(Math.max(...slots) - Math.min(...slots)).toBeLessThan(spec.windowMs);
  });

  it("a late answer moves its slot, so the next reservation keeps a full window after where the request may have landed", async () => {
    const spec = { budget: "standard", limit: 3, windowMs: 1_000 };
    const [first, second] = [await reserveSlot(processA, "leadsquared:1", spec), await reserveSlot(processA, "leadsquared:1", spec)];
    await moveSlot(processB, "leadsquared:1", spec, first.slotMs, first.slotMs + 300);
    const { rows } = await processA.query<{ slots: string[] }>("SELECT slots FROM crm_rate_budgets");
    expect(rows[0]!.slots.map(Number)).toEqual([second.slotMs, first.slotMs + 300]);
    // The third slot is free at once; the fourth waits a window after the second, the fifth after the moved first.
    const later = (await Promise.all([1, 2, 3].map(() => reserveSlot(processB, "leadsquared:1", spec)))).map((r) => r.slotMs);
    const [, fourth, fifth] = later.sort((x, y) => x - y);
    expect(fourth).toBeGreaterThanOrEqual(second.slotMs + spec.windowMs);
    expect(fifth).toBeGreaterThanOrEqual(first.slotMs + 300 + spec.windowMs);
  });

  it("a caller that misses its slot takes it again now, when the slot is still in the row, instead of a window later", async () => {
    const spec = { budget: "standard", limit: 2, windowMs: 2_000 };
    const first = await reserveSlot(processA, "leadsquared:1", spec);
    // The reservation's answer reaches the caller 400 ms after Postgres gave the slot (a stalled event loop): too late
    // to send in it. A new slot would wait until the first's window ends; moving this one to now keeps 2 per 2 s.
    const limiter = createPgRateLimiter({ pool: firstAnswerLate(processA, 400), account: "leadsquared:1", spec });
    const start = Date.now();
    await limiter.acquire();
    expect(Date.now() - start).toBeLessThan(1_000);
    const { rows } = await processA.query<{ slots: string[] }>("SELECT slots FROM crm_rate_budgets");
    const [kept, moved] = rows[0]!.slots.map(Number);
    expect(kept).toBe(first.slotMs);
    expect(moved).toBeGreaterThanOrEqual(first.slotMs + 400);
    // The budget still holds: the next slot comes a window after the first, the one after a window after the moved one.
    const next = [await reserveSlot(processB, "leadsquared:1", spec), await reserveSlot(processB, "leadsquared:1", spec)];
    expect(next.map((r) => r.slotMs)).toEqual([first.slotMs + spec.windowMs, moved! + spec.windowMs]);
  });

  it("a missed slot that has left the row (a window's slots were reserved after it) cannot be taken again", async () => {
    const spec = { budget: "standard", limit: 2, windowMs: 2_000 };
    const missed = await reserveSlot(processA, "leadsquared:1", spec);
    await reserveSlot(processA, "leadsquared:1", spec);
    await reserveSlot(processB, "leadsquared:1", spec);
    expect(await retakeSlots(processA, "leadsquared:1", spec, missed.slotMs, 1)).toBeNull();
  });

  it("publishes LeadSquared's 25 per 5 s and 1 bulk call per 5 s, and HubSpot's 100 per 10 s, each with a margin", () => {
    expect(CRM_BUDGETS).toEqual({
      leadSquared: { budget: "standard", limit: 25, windowMs: 5_250 },
      leadSquaredBulk: { budget: "bulk", limit: 1, windowMs: 5_250 },
      hubSpotBurst: { budget: "burst", limit: 100, windowMs: 10_250 },
    });
  });
});
