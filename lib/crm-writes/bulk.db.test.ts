// An account's backlog of LeadSquared activities beyond one window of its single budget goes partly through Post bulk
// activities on leads (its own 1-per-5-s budget), against the fake LeadSquared that enforces both limits.
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFakeLeadSquared, FAKE_LSQ_LEADS, type FakeLeadSquared } from "@/e2e/support/fakes/leadsquared";
import { db } from "@/lib/db";
import { truncateAll } from "@/test/databases";
import { connectFakeLeadSquared, createOrg } from "@/test/factories";
import { BASE_MS } from "./backoff";
import { drainWrites } from "./drain";
import { enqueueWrites } from "./outbox";
import { WRITE_KINDS, type LeadSquaredActivityPayload } from "./outcome-writes";

const BULK = "/v2/ProspectActivity.svc/Bulk/CustomActivity/Add/ByLeadId";
const SINGLE = "/v2/ProspectActivity.svc/Create";
const LEAD = String(FAKE_LSQ_LEADS[0]!.ProspectID);
const AT = "2030-01-07T05:01:35.000Z";

// Each "process" its own pool: nothing in memory is shared, only Postgres.
let processA: pg.Pool;
let processB: pg.Pool;
let lsq: FakeLeadSquared;
beforeAll(() => {
  processA = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  processB = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
});
afterAll(async () => {
  await processA.end();
  await processB.end();
});
// A fresh account per test: no window of an earlier test's calls counts against this one's.
beforeEach(async () => {
  await truncateAll(process.env.DATABASE_URL!);
  lsq = createFakeLeadSquared();
  await lsq.start();
});
afterEach(() => lsq.stop());

/** `count` queued activities for one account, notes n00, n01, …; the earlier a note, the older its row. */
async function backlog(count: number, leadOf: (i: number) => string = () => LEAD) {
  const { organization } = await createOrg();
  const integration = await connectFakeLeadSquared(organization.id, lsq.baseUrl);
  const t0 = Date.now() - 60_000;
  await db.$transaction((tx) =>
    enqueueWrites(
      tx,
      Array.from({ length: count }, (_, i) => ({
        orgId: organization.id,
        kind: WRITE_KINDS.leadSquaredActivity,
        account: `leadsquared:${integration.id}`,
        dedupeKey: `n${String(i).padStart(2, "0")}`,
        runAt: new Date(t0 + i),
        payload: {
          integrationId: integration.id,
          leadId: leadOf(i),
          activityEvent: 201,
          note: `n${String(i).padStart(2, "0")}`,
          at: AT,
        } satisfies LeadSquaredActivityPayload,
      })),
    ),
  );
}

const rows = () => db.crmWrite.findMany({ orderBy: { dedupeKey: "asc" } });
const notes = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `n${String(from + i).padStart(2, "0")}`);
const body = (note: string, leadId = LEAD) => ({
  RelatedProspectId: leadId,
  ActivityEvent: 201,
  ActivityNote: note,
  ActivityDateTime: "2030-01-07 05:01:35",
  Fields: [],
});
/** Each row as [note, status, the call that wrote it, whether its stored id is the fake's activity carrying its note]. */
async function written() {
  const byNote = new Map(lsq.activities.map((a) => [a.ActivityNote, a.Id]));
  return (await rows()).map((r) => {
    const response = r.response as { call?: string; activityId?: string } | null;
    return [r.dedupeKey, r.status, response?.call ?? null, response?.activityId === byNote.get(r.dedupeKey)];
  });
}

describe("bulk activity posting", () => {
  it("within one window of the single budget (25) every activity goes single", async () => {
    await backlog(25);
    expect(await drainWrites({ pool: processA })).toMatchObject({ claimed: 25, written: 25 });
    expect(lsq.requests.map((r) => r.path)).toEqual(Array(25).fill(SINGLE));
  });

  it("a pass's single writes reach the account's budget together: one statement reserves their 25 slots at one time", async () => {
    await backlog(50);
    expect(await drainWrites({ pool: processA })).toMatchObject({ claimed: 50, written: 50 });
    // Slots taken at different times would repeat that spread in every later window, each window ending that much later.
    const { rows } = await processA.query<{ slots: string[] }>("SELECT slots FROM crm_rate_budgets WHERE budget = 'standard'");
    expect(rows[0]!.slots).toHaveLength(25);
    expect(new Set(rows[0]!.slots).size).toBe(1);
  });

  it("a backlog of 40: the 25 oldest go single, the 15 newest in one bulk call, each row written with its own activity id", async () => {
    await backlog(40);
    expect(await drainWrites({ pool: processA })).toEqual({ claimed: 40, written: 40, retried: 0, failed: 0 });
    const bulk = lsq.requests.filter((r) => r.path === BULK);
    expect(bulk.map((r) => [r.method, r.status, r.body])).toEqual([["POST", 200, notes(25, 40).map((n) => body(n))]]);
    expect(
      lsq.requests
        .filter((r) => r.path === SINGLE)
        .map((r) => (r.body as { ActivityNote: string }).ActivityNote)
        .sort(),
    ).toEqual(notes(0, 25));
    expect(lsq.requests.every((r) => r.status === 200)).toBe(true);
    const singleCall = "ProspectActivity.svc/Create";
    const bulkCall = "ProspectActivity.svc/Bulk/CustomActivity/Add/ByLeadId";
    expect(await written()).toEqual([
      ...notes(0, 25).map((n) => [n, "written", singleCall, true]),
      ...notes(25, 40).map((n) => [n, "written", bulkCall, true]),
    ]);
    expect(lsq.activities.map((a) => a.ActivityNote).sort()).toEqual(notes(0, 40));
  });

  it("an activity refused inside the bulk answer fails alone, with LeadSquared's reason; the rest of the call is written", async () => {
    await backlog(28, (i) => (i === 26 ? "gone-lead" : LEAD));
    expect(await drainWrites({ pool: processA })).toEqual({ claimed: 28, written: 27, retried: 0, failed: 1 });
    expect(lsq.requests.filter((r) => r.path === BULK).map((r) => r.body)).toEqual([[body("n25"), body("n26", "gone-lead"), body("n27")]]);
    const all = await rows();
    expect(all.filter((r) => r.status !== "written").map((r) => [r.dedupeKey, r.status, r.tries, r.lastError])).toEqual([
      ["n26", "failed", 1, "LeadSquared refused this activity: “Lead gone-lead does not exist”"],
    ]);
    expect(all.find((r) => r.dedupeKey === "n26")!.response).toMatchObject({ kind: "rejected", vendorCode: "MXInvalidEntityException" });
    expect(lsq.activities.map((a) => a.ActivityNote).sort()).toEqual(notes(0, 28).filter((n) => n !== "n26"));
  });

  it.each(["429", "500"] as const)("%s on the bulk call retries all its rows after backoff; none is posted twice", async (mode) => {
    await backlog(30);
    const t0 = Date.now();
    let now = new Date(t0);
    const opts = { pool: processA, now: () => now, random: () => 0.5 };
    lsq.failNext(1, mode, BULK);
    expect(await drainWrites(opts)).toEqual({ claimed: 30, written: 25, retried: 5, failed: 0 });
    const retried = (await rows()).filter((r) => r.status !== "written");
    expect(retried.map((r) => [r.dedupeKey, r.status, r.tries, r.runAt.getTime()])).toEqual(
      notes(25, 30).map((n) => [n, "pending", 1, t0 + BASE_MS]),
    );
    expect(retried.every((r) => r.lastError === retried[0]!.lastError)).toBe(true);
    expect(retried[0]!.lastError).toMatch(mode === "429" ? /limit/ : /HTTP 500/);
    expect(lsq.activities).toHaveLength(25);

    // Five left fit the single budget: they go single this time.
    now = new Date(t0 + BASE_MS);
    expect(await drainWrites(opts)).toEqual({ claimed: 5, written: 5, retried: 0, failed: 0 });
    expect(lsq.requests.filter((r) => r.path === BULK).map((r) => r.status)).toEqual([Number(mode)]);
    expect(lsq.activities.map((a) => a.ActivityNote).sort()).toEqual(notes(0, 30));
    expect((await written()).every(([, status, , own]) => status === "written" && own)).toBe(true);
  });

  it(
    "two processes drain 120 with both budgets at once: no 429, every activity posted once with its own id",
    { timeout: 60_000 },
    async () => {
      await backlog(120);
      const [a, b] = await Promise.all([drainWrites({ pool: processA }), drainWrites({ pool: processB })]);
      expect(a.written + b.written).toBe(120);
      expect(lsq.requests.filter((r) => r.status !== 200)).toEqual([]);
      const bulkItems = lsq.requests.filter((r) => r.path === BULK).map((r) => (r.body as unknown[]).length);
      const singles = lsq.requests.filter((r) => r.path === SINGLE).length;
      expect(bulkItems.every((n) => n <= 25)).toBe(true);
      expect(bulkItems.length).toBeGreaterThan(1);
      expect(singles + bulkItems.reduce((x, y) => x + y, 0)).toBe(120);
      expect(lsq.activities.map((x) => x.ActivityNote).sort()).toEqual(notes(0, 120).sort());
      expect((await written()).every(([, status, , own]) => status === "written" && own)).toBe(true);
    },
  );
});
