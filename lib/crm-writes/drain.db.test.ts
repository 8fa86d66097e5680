import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createFakeLeadSquared,
  FAKE_LSQ_ACCESS_KEY,
  FAKE_LSQ_LEADS,
  FAKE_LSQ_SECRET_KEY,
  type FakeLeadSquared,
} from "@/e2e/support/fakes/leadsquared";
import { createLeadSquaredClient } from "@/lib/crm/leadsquared/client";
import { CRM_BUDGETS } from "@/lib/crm/rate-budget";
import { db } from "@/lib/db";
import { truncateAll } from "@/test/databases";
import { createOrg } from "@/test/factories";
import { BASE_MS } from "./backoff";
import { drainWrites, retryWrite } from "./drain";
import { WriteRefused } from "./errors";
import { enqueueWrites, type NewWrite } from "./outbox";
import type { WriteHandler } from "./types";

// Two pools stand for two server processes: nothing in memory is shared, only Postgres.
let processA: pg.Pool;
let processB: pg.Pool;
let fake: FakeLeadSquared;
beforeAll(async () => {
  processA = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 8 });
  processB = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 8 });
  fake = createFakeLeadSquared();
  await fake.start();
});
afterAll(async () => {
  await processA.end();
  await processB.end();
  await fake.stop();
});
let orgId: string;
beforeEach(async () => {
  await truncateAll(process.env.DATABASE_URL!);
  fake.activities.length = 0;
  fake.requests.length = 0;
  orgId = (await createOrg()).organization.id;
});

const LEAD = String(FAKE_LSQ_LEADS[0]!.ProspectID);

/** A handler posting the row's note as an activity on the fake LeadSquared, paced by the row's account budget. */
const postNote: WriteHandler = async (write, ctx) => {
  const client = createLeadSquaredClient({
    baseUrl: fake.baseUrl,
    accessKey: FAKE_LSQ_ACCESS_KEY,
    secretKey: FAKE_LSQ_SECRET_KEY,
    limiter: ctx.limiter(CRM_BUDGETS.leadSquared),
  });
  const { id } = await client.postActivity({
    leadId: LEAD,
    activityEvent: 201,
    note: String((write.payload as { note: string }).note),
    at: ctx.now(),
  });
  return { response: { activityId: id } };
};

const queue = (writes: Array<Partial<NewWrite> & { dedupeKey: string }>) =>
  db.$transaction((tx) =>
    enqueueWrites(
      tx,
      writes.map((w) => ({ orgId, kind: "note", payload: { note: w.dedupeKey }, ...w })),
    ),
  );

const rows = () => db.crmWrite.findMany({ orderBy: { dedupeKey: "asc" } });

describe("the CRM write pipeline", () => {
  it("two drains in two processes claim with SKIP LOCKED and never run a row twice", async () => {
    await queue(Array.from({ length: 120 }, (_, i) => ({ dedupeKey: `k${String(i).padStart(3, "0")}` })));
    const runs = new Map<string, number>();
    const slowCount: WriteHandler = async (write) => {
      runs.set(write.id, (runs.get(write.id) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20));
      return {};
    };
    const [a, b] = await Promise.all([
      drainWrites({ pool: processA, handlers: { note: slowCount }, batch: 10 }),
      drainWrites({ pool: processB, handlers: { note: slowCount }, batch: 10 }),
    ]);
    expect(a.claimed + b.claimed).toBe(120);
    expect(a.claimed).toBeGreaterThan(0);
    expect(b.claimed).toBeGreaterThan(0);
    expect(runs.size).toBe(120);
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    expect((await rows()).every((r) => r.status === "written" && r.tries === 1 && r.leaseUntil === null)).toBe(true);
  });

  it("queueing the same dedupe key twice keeps one row", async () => {
    await queue([{ dedupeKey: "activity:att_1" }]);
    await queue([{ dedupeKey: "activity:att_1", payload: { note: "second" } }, { dedupeKey: "activity:att_2" }]);
    const all = await rows();
    expect(all.map((r) => [r.dedupeKey, r.payload])).toEqual([
      ["activity:att_1", { note: "activity:att_1" }],
      ["activity:att_2", { note: "activity:att_2" }],
    ]);
    expect(all.every((r) => r.id.startsWith("cw_") && r.status === "pending" && r.tries === 0)).toBe(true);
  });

  it("a row left running by a dead process runs again once its lease passed, not before", async () => {
    await queue([{ dedupeKey: "crashed" }, { dedupeKey: "leased" }]);
    await db.crmWrite.updateMany({
      where: { dedupeKey: "crashed" },
      data: { status: "running", tries: 1, leaseUntil: new Date(Date.now() - 1000) },
    });
    await db.crmWrite.updateMany({
      where: { dedupeKey: "leased" },
      data: { status: "running", tries: 1, leaseUntil: new Date(Date.now() + 60_000) },
    });
    const result = await drainWrites({ pool: processA, handlers: { note: postNote } });
    expect(result).toEqual({ claimed: 1, written: 1, retried: 0, failed: 0 });
    const [crashed, leased] = await rows();
    expect(crashed).toMatchObject({ status: "written", tries: 2, lastError: null });
    expect(crashed!.response).toEqual({ activityId: fake.activities[0]!.Id });
    expect(leased).toMatchObject({ status: "running", tries: 1 });
    expect(fake.activities.map((a) => a.ActivityNote)).toEqual(["crashed"]);
  });

  it("a late finish of a stale claim does not overwrite the claim that ran after it", async () => {
    await queue([{ dedupeKey: "slow" }]);
    let release!: () => void;
    const stuck: WriteHandler = () => new Promise((resolve) => (release = () => resolve({ response: { by: "first" } })));
    const first = drainWrites({ pool: processA, handlers: { note: stuck }, leaseMs: 50 });
    await new Promise((r) => setTimeout(r, 150));
    await drainWrites({ pool: processB, handlers: { note: async () => ({ response: { by: "second" } }) } });
    release();
    await first;
    expect(await rows()).toMatchObject([{ status: "written", tries: 2, response: { by: "second" } }]);
  });

  it("429 (also LeadSquared's 200 + MXAPIRateLimitExceededException) and 500 are retried with growing backoff", async () => {
    await queue([{ dedupeKey: "w" }]);
    const t0 = Date.now();
    let now = new Date(t0);
    const opts = { pool: processA, handlers: { note: postNote }, now: () => now, random: () => 0.5 };
    fake.failNext(1, "429");
    expect(await drainWrites(opts)).toMatchObject({ claimed: 1, retried: 1 });
    let [row] = await rows();
    expect(row).toMatchObject({ status: "pending", tries: 1, leaseUntil: null });
    expect(row!.lastError).toMatch(/rate|limit/i);
    expect(row!.runAt.getTime()).toBe(t0 + BASE_MS);
    expect(row!.response).toMatchObject({ status: 429, vendorCode: "MXAPIRateLimitExceededException" });
    // Not due yet: nothing is claimed.
    expect((await drainWrites(opts)).claimed).toBe(0);

    now = new Date(t0 + BASE_MS);
    fake.failNext(1, "500");
    expect(await drainWrites(opts)).toMatchObject({ claimed: 1, retried: 1 });
    [row] = await rows();
    expect(row).toMatchObject({ status: "pending", tries: 2 });
    expect(row!.runAt.getTime()).toBe(t0 + BASE_MS + 2 * BASE_MS);

    now = new Date(t0 + 3 * BASE_MS);
    expect(await drainWrites(opts)).toMatchObject({ claimed: 1, written: 1 });
    [row] = await rows();
    expect(row).toMatchObject({ status: "written", tries: 3, lastError: null });
    expect(fake.activities).toHaveLength(1);
    expect(fake.requests.map((r) => r.status)).toEqual([429, 500, 200]);
  });

  it("LeadSquared's rate-limit exception inside a 200 counts as a 429", async () => {
    const limited = createFakeLeadSquared({ rateLimit: { limit: 1, windowMs: 60_000, answer: "200" } });
    await limited.start();
    try {
      await queue([{ dedupeKey: "a" }, { dedupeKey: "b" }]);
      const post: WriteHandler = async (write, ctx) => {
        const client = createLeadSquaredClient({
          baseUrl: limited.baseUrl,
          accessKey: FAKE_LSQ_ACCESS_KEY,
          secretKey: FAKE_LSQ_SECRET_KEY,
        });
        await client.postActivity({ leadId: LEAD, activityEvent: 201, note: write.dedupeKey, at: ctx.now() });
        return {};
      };
      expect(await drainWrites({ pool: processA, handlers: { note: post } })).toMatchObject({ written: 1, retried: 1 });
      expect(limited.requests.map((r) => r.status)).toEqual([200, 200]);
      expect((await rows()).map((r) => r.status).sort()).toEqual(["pending", "written"]);
    } finally {
      await limited.stop();
    }
  });

  it("a refusal (400, 401, 404) fails at once with the reason, and Retry puts it back for this organisation only", async () => {
    await queue([{ dedupeKey: "bad" }]);
    fake.failNext(1, "401");
    expect(await drainWrites({ pool: processA, handlers: { note: postNote } })).toMatchObject({ claimed: 1, failed: 1 });
    let [row] = await rows();
    expect(row).toMatchObject({ status: "failed", tries: 1 });
    expect(row!.lastError).toMatch(/key/i);
    expect(row!.response).toMatchObject({ status: 401 });

    const other = (await createOrg()).organization.id;
    expect(await retryWrite(other, row!.id)).toBe(false);
    expect(await retryWrite(orgId, row!.id)).toBe(true);
    expect(await retryWrite(orgId, row!.id)).toBe(false);
    expect(await rows()).toMatchObject([{ status: "pending", tries: 0 }]);
    expect(await drainWrites({ pool: processA, handlers: { note: postNote } })).toMatchObject({ written: 1 });
    [row] = await rows();
    expect(row).toMatchObject({ status: "written", lastError: null });
  });

  it("a handler's own WriteRefused, an unknown kind and running out of tries end as failed", async () => {
    await queue([{ dedupeKey: "refused" }, { dedupeKey: "unknown", kind: "nope" }, { dedupeKey: "worn", kind: "flaky" }]);
    await db.crmWrite.updateMany({ where: { dedupeKey: "worn" }, data: { tries: 2 } });
    const handlers: Record<string, WriteHandler> = {
      note: async () => {
        throw new WriteRefused("The lead was deleted in LeadSquared.", { response: { status: 400 } });
      },
      flaky: async () => {
        throw new Error("socket hang up");
      },
    };
    await drainWrites({ pool: processA, handlers, maxTries: 3 });
    const byKey = Object.fromEntries((await rows()).map((r) => [r.dedupeKey, r]));
    expect(byKey.refused).toMatchObject({ status: "failed", lastError: "The lead was deleted in LeadSquared." });
    expect(byKey.unknown).toMatchObject({ status: "failed", lastError: 'No handler for writes of kind "nope".' });
    expect(byKey.worn).toMatchObject({ status: "failed", tries: 3, lastError: "Error: socket hang up (gave up after 3 tries)" });
  });
});
