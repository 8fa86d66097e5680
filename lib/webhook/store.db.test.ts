// The one-statement write (lib/webhook/store.ts) through ingestDelivery: the rows it leaves are those the step-by-step
// Prisma transaction wrote before, including each new call's wake-up, and a failure leaves nothing behind.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Wakeup } from "@/lib/calls/driver";
import { embeddedDriver } from "@/lib/jobs/embedded-queue";
import { installJobQueue } from "@/lib/jobs/embedded-worker";
import { relayWakeups } from "@/lib/calls/wakeups";
import { parseScheduleParams } from "@/lib/schedule/parse-schedule-params";
import { ingestDelivery, type IngestInput } from "@/lib/webhook/ingest";
import { truncateAll } from "@/test/databases";
import { createAgentRow } from "@/test/call-fixtures";
import { createOrg } from "@/test/factories";

const params = (() => {
  const parsed = parseScheduleParams({
    min_trigger_time: "09:00",
    max_trigger_time: "18:00",
    carry_over: "true",
    num_of_retries: "2",
    gap_between_retries: "1,2",
  });
  if (!parsed.ok) throw new Error("bad params");
  return parsed.params;
})();
// 20:00 in Kolkata: outside the window, so the first attempt is carried over to 09:00 the next morning.
const receivedAt = new Date("2030-01-07T14:30:00Z");
const nextMorning = "2030-01-08T03:30:00.000Z";

async function setup() {
  const { organization } = await createOrg();
  const agent = await createAgentRow(organization.id);
  await db.agentVariable.createMany({
    data: [
      { id: `var_n_${agent.id}`, agentId: agent.id, position: 0, name: "name", source: "leadsquared", field: "FirstName" },
      {
        id: `var_p_${agent.id}`,
        agentId: agent.id,
        position: 1,
        name: "phone",
        source: "leadsquared",
        field: "Phone",
        format: "phone_e164",
      },
    ],
  });
  const withVariables = await db.agent.findUniqueOrThrow({
    where: { id: agent.id },
    include: { variables: { orderBy: { position: "asc" } } },
  });
  const input = (leads: IngestInput["leads"], canLookUp = false): IngestInput => ({
    orgId: organization.id,
    agent: withVariables,
    crm: "leadsquared",
    params,
    fallbackZone: "Asia/Kolkata",
    defaultCountryCode: "91",
    canLookUp,
    receivedAt,
    leads,
    request: {
      contentType: "application/json",
      eventType: "Lead Created",
      query: { type: "leadsquared" },
      body: "[…]",
      bodyBytes: 5,
      notes: null,
    },
  });
  return { organization, agent, input };
}

const lead = (id: string, fields: Record<string, unknown>) => ({
  crmLeadId: id,
  dedupeKey: `k:${id}`,
  fields: { ProspectID: id, ...fields },
});

async function jobsOf(taskIds: string[]) {
  const rows = await db.$queryRaw<
    Array<{ queue: string | null; runAt: Date; maxAttempts: number; payload: { taskIds: string[] }; task: string }>
  >`
    SELECT q.queue_name AS queue, j.run_at AS "runAt", j.max_attempts AS "maxAttempts", j.payload, t.identifier AS task
    FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
    LEFT JOIN graphile_worker._private_job_queues q ON q.id = j.job_queue_id WHERE j.payload::jsonb->'taskIds' ?| ${taskIds}::text[]`;
  return new Map(rows.flatMap((r) => r.payload.taskIds.filter((id) => taskIds.includes(id)).map((id) => [id, r] as const)));
}

const wakeupsOf = async (taskIds: string[]) =>
  new Map(
    (await db.callWakeup.findMany({ where: { taskId: { in: taskIds } } })).map((w) => [
      w.taskId,
      { agentId: w.agentId, fromAttempt: w.fromAttempt, runAt: w.runAt },
    ]),
  );

beforeAll(() => installJobQueue(process.env.DATABASE_URL!));
beforeEach(() => truncateAll(process.env.DATABASE_URL!));

describe("storeDelivery", () => {
  it("writes a mixed bulk delivery: new calls with their wake-ups, an open call as duplicate, a repeat within the body, a rejection", async () => {
    const { organization, agent, input } = await setup();
    const earlier = await ingestDelivery(embeddedDriver, input([lead("p-open", { Phone: "9876500001" })]));
    const openId = earlier.leads[0]!.callId!;

    const outcome = await ingestDelivery(
      embeddedDriver,
      input([
        lead("p-new", { FirstName: "Asha", Phone: "09876500002" }),
        lead("p-open", { Phone: "9876500001" }),
        lead("p-bad", { Phone: "12" }),
        lead("p-new", { FirstName: "Asha", Phone: "09876500002" }),
      ]),
    );

    const newId = outcome.leads[0]!.callId!;
    expect(outcome.leads).toEqual([
      { crmId: "p-new", status: "accepted", callId: newId, firstAttemptAt: nextMorning },
      {
        crmId: "p-open",
        status: "duplicate",
        callId: openId,
        reason: "This lead already has an open call for this agent.",
        firstAttemptAt: nextMorning,
      },
      { crmId: "p-bad", status: "rejected", reason: expect.stringMatching(/"12"/) },
      {
        crmId: "p-new",
        status: "duplicate",
        callId: newId,
        reason: "This lead already has an open call for this agent.",
        firstAttemptAt: nextMorning,
      },
    ]);
    const delivery = await db.delivery.findUniqueOrThrow({ where: { id: outcome.deliveryId }, include: { leads: true } });
    expect(delivery).toMatchObject({
      orgId: organization.id,
      agentId: agent.id,
      crm: "leadsquared",
      status: "partial",
      httpStatus: 200,
      accepted: 1,
      duplicates: 2,
      rejected: 1,
      contentType: "application/json",
      eventType: "Lead Created",
      query: { type: "leadsquared" },
      body: "[…]",
      bodyBytes: 5,
      errorCode: null,
    });
    expect(delivery.leads.map((l) => [l.crmLeadId, l.status, l.callTaskId]).sort()).toEqual(
      [
        ["p-bad", "rejected", null],
        ["p-new", "accepted", newId],
        ["p-new", "duplicate", newId],
        ["p-open", "duplicate", openId],
      ].sort(),
    );
    expect(await db.callTask.findUniqueOrThrow({ where: { id: newId } })).toMatchObject({
      orgId: organization.id,
      agentId: agent.id,
      status: "scheduled",
      source: "leadsquared",
      phone: "+919876500002",
      leadName: "Asha",
      crmLeadId: "p-new",
      variables: { name: "Asha", phone: "+919876500002" },
      scheduleParams: params,
      timezone: "Asia/Kolkata",
      maxAttempts: 3,
      attemptsMade: 0,
      nextAttemptAt: new Date(nextMorning),
      nextAttemptReason: expect.objectContaining({ kind: "carried_over" }),
      dedupeKey: "k:p-new",
      activeDedupeKey: "k:p-new",
      deliveryId: outcome.deliveryId,
      leadFields: { ProspectID: "p-new", FirstName: "Asha", Phone: "09876500002" },
      createdAt: receivedAt,
      finishedAt: null,
    });
    expect(await db.callTask.count()).toBe(2);
    // Tomorrow's call waits in the outbox, not in graphile-worker's tables, until shortly before it is due.
    expect(await wakeupsOf([newId, openId])).toEqual(
      new Map([
        [newId, { agentId: agent.id, fromAttempt: 1, runAt: new Date(nextMorning) }],
        [openId, expect.anything()],
      ]),
    );
    expect(await db.callWakeup.count()).toBe(2);
    expect((await jobsOf([newId])).size).toBe(0);
    expect(await relayWakeups(embeddedDriver, new Date(Date.parse(nextMorning) - 5_000))).toBe(2);
    expect((await jobsOf([newId])).get(newId)).toMatchObject({
      task: "call_wake",
      queue: null,
      runAt: new Date(nextMorning),
      maxAttempts: 12,
      payload: { taskIds: expect.arrayContaining([newId]) },
    });
    expect(await db.callWakeup.count()).toBe(0);
  });

  it("hands a call due now to graphile-worker before answering, and keeps a later one in the outbox", async () => {
    const { input } = await setup();
    const now = new Date();
    const open = parseScheduleParams({});
    if (!open.ok) throw new Error("bad params");
    const outcome = await ingestDelivery(embeddedDriver, {
      ...input([lead("n-1", { Phone: "9876500006" })]),
      params: open.params,
      receivedAt: now,
    });
    const callId = outcome.leads[0]!.callId!;
    expect(outcome.leads[0]).toMatchObject({ status: "accepted", firstAttemptAt: now.toISOString() });
    expect((await jobsOf([callId])).get(callId)).toMatchObject({ runAt: now, payload: { taskIds: [callId] } });
    expect(await db.callWakeup.count()).toBe(0);

    const later = await ingestDelivery(embeddedDriver, input([lead("n-2", { Phone: "9876500007" })]));
    const laterId = later.leads[0]!.callId!;
    expect((await jobsOf([laterId])).size).toBe(0);
    expect((await wakeupsOf([laterId])).get(laterId)!.runAt).toEqual(new Date(nextMorning));
  });

  it("wakes the first new resolving task at once and the others of the delivery only as a fallback, even when the first lead is a duplicate", async () => {
    const { input } = await setup();
    const first = await ingestDelivery(embeddedDriver, input([lead("r-1", {})], true));
    expect(first.leads[0]).toEqual({ crmId: "r-1", status: "accepted", callId: first.leads[0]!.callId });

    const outcome = await ingestDelivery(embeddedDriver, input([lead("r-1", {}), lead("r-2", {}), lead("r-3", {})], true));
    const [dup, a, b] = outcome.leads;
    expect(dup).toMatchObject({ status: "duplicate", callId: first.leads[0]!.callId, firstAttemptAt: receivedAt.toISOString() });
    const wakeups = await wakeupsOf([a!.callId!, b!.callId!]);
    expect(wakeups.get(a!.callId!)!.runAt).toEqual(receivedAt);
    expect(wakeups.get(b!.callId!)!.runAt).toEqual(new Date(receivedAt.getTime() + 5_000));
    expect(await db.callTask.findUniqueOrThrow({ where: { id: b!.callId! } })).toMatchObject({
      status: "resolving",
      phone: "",
      nextAttemptAt: receivedAt,
    });
    expect(await db.delivery.findUniqueOrThrow({ where: { id: outcome.deliveryId } })).toMatchObject({
      status: "accepted",
      accepted: 2,
      duplicates: 1,
    });
  });

  it("with the Inngest driver: only new calls are sent, at once, and a failed send waits in the outbox for the next pass", async () => {
    const { agent, input } = await setup();
    const sent: Wakeup[] = [];
    let inngestUp = true;
    // Inngest's shape: every wake-up at once, however far ahead.
    const driver = {
      name: "inngest" as const,
      handOverAheadMs: null,
      handOver: async (_tx: unknown, wakeups: Wakeup[]) => {
        if (!inngestUp) throw new Error("Inngest is unreachable");
        sent.push(...wakeups);
      },
    };
    const first = await ingestDelivery(driver, input([lead("p-1", { Phone: "9876500003" })]));
    const again = await ingestDelivery(driver, input([lead("p-1", { Phone: "9876500003" })]));
    expect(again.leads[0]).toMatchObject({ status: "duplicate", callId: first.leads[0]!.callId });
    expect(await db.delivery.findUniqueOrThrow({ where: { id: again.deliveryId } })).toMatchObject({
      status: "duplicate",
      accepted: 0,
      duplicates: 1,
    });
    expect(sent).toEqual([{ taskId: first.leads[0]!.callId, agentId: agent.id, fromAttempt: 1, runAt: new Date(nextMorning) }]);
    expect(await db.callWakeup.count()).toBe(0);
    expect((await jobsOf([first.leads[0]!.callId!])).size).toBe(0);

    inngestUp = false;
    const stranded = await ingestDelivery(driver, input([lead("p-2", { Phone: "9876500008" })]));
    expect(stranded.leads[0]).toMatchObject({ status: "accepted" });
    expect([...(await wakeupsOf([stranded.leads[0]!.callId!])).keys()]).toEqual([stranded.leads[0]!.callId]);
    inngestUp = true;
    expect(await relayWakeups(driver)).toBe(1);
    expect(sent.map((w) => w.taskId)).toEqual([first.leads[0]!.callId, stranded.leads[0]!.callId]);
    expect(await db.callWakeup.count()).toBe(0);
  });

  it("calls the same lead again once its earlier call finished", async () => {
    const { input } = await setup();
    const first = await ingestDelivery(embeddedDriver, input([lead("p-1", { Phone: "9876500004" })]));
    await db.callTask.update({
      where: { id: first.leads[0]!.callId! },
      data: { status: "completed", activeDedupeKey: null, finishedAt: new Date() },
    });
    const again = await ingestDelivery(embeddedDriver, input([lead("p-1", { Phone: "9876500004" })]));
    expect(again.leads[0]).toMatchObject({ status: "accepted" });
    expect(again.leads[0]!.callId).not.toBe(first.leads[0]!.callId);
  });

  it("shares statements between concurrent deliveries: each gets its own answer, one call per lead, and a bad delivery fails alone", async () => {
    const { input } = await setup();
    const other = await setup();
    const gone = { ...input([lead("g-1", { Phone: "9876500099" })]), agent: { ...input([]).agent, id: "agt_missing" } };
    const bodies = Array.from({ length: 30 }, (_, i) =>
      (i % 3 === 0 ? other.input : input)([
        lead(`c-${i % 10}`, { FirstName: `N${i}`, Phone: `98765${String(10000 + (i % 10))}` }),
        lead(`u-${i}`, { Phone: `98766${String(10000 + i)}` }),
      ]),
    );
    const results = await Promise.allSettled([...bodies, gone].map((b) => ingestDelivery(embeddedDriver, b)));

    expect(results.at(-1)).toMatchObject({
      status: "rejected",
      reason: expect.objectContaining({ message: expect.stringMatching(/foreign key/) }),
    });
    const outcomes = results.slice(0, -1).map((r) => {
      if (r.status === "rejected") throw r.reason;
      return r.value;
    });
    // Every delivery's own leads come back in its order, and the unique lead of each is a new call.
    outcomes.forEach((o, i) => expect(o.leads.map((l) => l.crmId)).toEqual([`c-${i % 10}`, `u-${i}`]));
    expect(outcomes.every((o) => o.leads[1]!.status === "accepted")).toBe(true);
    // c-0…c-9 arrive three times each, once for one agent and twice for the other: one call per lead and agent.
    const shared = await db.callTask.groupBy({ by: ["agentId", "crmLeadId"], where: { crmLeadId: { startsWith: "c-" } }, _count: true });
    expect(shared).toHaveLength(20);
    expect(shared.every((g) => g._count === 1)).toBe(true);
    for (let k = 0; k < 10; k++) {
      const same = outcomes.filter((_, i) => i % 10 === k).map((o) => o.leads[0]!);
      expect(same.filter((l) => l.status === "accepted")).toHaveLength(2);
    }
    // Each stored delivery counts only its own leads.
    const stored = await db.delivery.findMany({ where: { id: { in: outcomes.map((o) => o.deliveryId) } } });
    expect(stored.every((d) => d.accepted + d.duplicates === 2)).toBe(true);
    expect(await db.deliveryLead.count()).toBe(60);
    expect(await db.callTask.count()).toBe(50);
  });

  it("leaves nothing behind when the statement fails", async () => {
    const { input } = await setup();
    const jobCount = async () =>
      Number((await db.$queryRaw<[{ n: bigint }]>`SELECT count(*) AS n FROM graphile_worker._private_jobs`)[0].n);
    const jobsBefore = await jobCount();
    const gone = { ...input([lead("p-1", { Phone: "9876500005" })]), agent: { ...input([]).agent, id: "agt_missing" } };
    await expect(ingestDelivery(embeddedDriver, gone)).rejects.toThrow(/foreign key/);
    expect([await db.delivery.count(), await db.deliveryLead.count(), await db.callTask.count(), await db.callWakeup.count()]).toEqual([
      0, 0, 0, 0,
    ]);
    expect(await jobCount()).toBe(jobsBefore);
  });
});
