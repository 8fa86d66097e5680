import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resolveLeads } from "@/lib/calls/resolve";
import { db } from "@/lib/db";
import { CrmError } from "@/lib/http/fetch-json";
import { embeddedDriver } from "@/lib/jobs/embedded-queue";
import { installJobQueue } from "@/lib/jobs/embedded-worker";
import { parseScheduleParams } from "@/lib/schedule/parse-schedule-params";
import { leadRejected } from "@/lib/webhook/engine-deps";
import { ingestDelivery, type IngestInput } from "@/lib/webhook/ingest";
import { truncateAll } from "@/test/databases";
import { createAgentRow, scriptedProvider, testDeps } from "@/test/call-fixtures";
import { createOrg } from "@/test/factories";

const params = (() => {
  const parsed = parseScheduleParams({});
  if (!parsed.ok) throw new Error("bad params");
  return parsed.params;
})();

async function setup() {
  const { organization } = await createOrg();
  const agent = await createAgentRow(organization.id);
  await db.agentVariable.create({
    data: { id: `var_${agent.id}`, agentId: agent.id, position: 0, name: "phone", source: "leadsquared", field: "Phone" },
  });
  const withVariables = await db.agent.findUniqueOrThrow({ where: { id: agent.id }, include: { variables: true } });
  const input = (leads: IngestInput["leads"], canLookUp = false): IngestInput => ({
    orgId: organization.id,
    agent: withVariables,
    crm: "leadsquared",
    params,
    fallbackZone: "Asia/Kolkata",
    defaultCountryCode: "91",
    canLookUp,
    receivedAt: new Date(),
    leads,
    request: { contentType: "application/json", eventType: null, query: {}, body: "{}", bodyBytes: 2, notes: null },
  });
  return { organization, agent, input };
}

beforeAll(() => installJobQueue(process.env.DATABASE_URL!));
beforeEach(() => truncateAll(process.env.DATABASE_URL!));

describe("ingestDelivery", () => {
  it("reads a lead's date-times in the call's zone, not UTC", async () => {
    const { agent, input } = await setup();
    await db.agentVariable.create({
      data: {
        id: `var_${agent.id}_d`,
        agentId: agent.id,
        position: 1,
        name: "visit_date",
        source: "leadsquared",
        field: "mx_Visit",
        format: "date",
      },
    });
    const withDate = { ...input([]).agent, variables: await db.agentVariable.findMany({ where: { agentId: agent.id } }) };
    const lead = {
      crmLeadId: "p-9",
      dedupeKey: "k:p-9",
      fields: { ProspectID: "p-9", Phone: "9876543210", mx_Visit: "2026-11-23T20:30:00Z" },
    };
    const outcome = await ingestDelivery(embeddedDriver, { ...input([lead]), agent: withDate });
    const task = await db.callTask.findUniqueOrThrow({ where: { id: outcome.leads[0]!.callId! } });
    // 20:30 UTC is already the next morning in Asia/Kolkata.
    expect(task.variables).toMatchObject({ visit_date: "2026-11-24" });
  });

  it("names the call as Call History does everywhere: the mapped name, else the CRM's own name fields", async () => {
    const { input } = await setup();
    const leads = [
      { crmLeadId: "p-7", dedupeKey: "k:p-7", fields: { ProspectID: "p-7", Phone: "9876543210", FirstName: " Asha ", LastName: "Rao" } },
      { crmLeadId: "p-8", dedupeKey: "k:p-8", fields: { ProspectID: "p-8", Phone: "9876543211", ProspectName: "Mo Khan" } },
      { crmLeadId: "p-6", dedupeKey: "k:p-6", fields: { ProspectID: "p-6", Phone: "9876543212" } },
    ];
    const outcome = await ingestDelivery(embeddedDriver, input(leads));
    const names = await Promise.all(
      outcome.leads.map(async (l) => (await db.callTask.findUniqueOrThrow({ where: { id: l.callId! } })).leadName),
    );
    expect(names).toEqual(["Asha Rao", "Mo Khan", null]);
  });

  it("gives concurrent deliveries of one lead exactly one call; the others are duplicates pointing at it", async () => {
    const { input } = await setup();
    const lead = { crmLeadId: "p-1", dedupeKey: "k:p-1", fields: { ProspectID: "p-1", Phone: "9876543210" } };
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => ingestDelivery(embeddedDriver, input([lead]))));
    const statuses = outcomes.map((o) => o.leads[0]!.status);
    expect(statuses.filter((s) => s === "accepted")).toHaveLength(1);
    expect(statuses.filter((s) => s === "duplicate")).toHaveLength(7);
    expect(new Set(outcomes.map((o) => o.leads[0]!.callId)).size).toBe(1);
    expect(await db.callTask.count()).toBe(1);
    expect(await db.delivery.count()).toBe(8);
  });

  it("rejects a lead without a usable phone and writes no call, when there is no CRM to ask", async () => {
    const { input } = await setup();
    const outcome = await ingestDelivery(
      embeddedDriver,
      input([{ crmLeadId: "p-2", dedupeKey: "k:p-2", fields: { ProspectID: "p-2", Phone: "12" } }]),
    );
    expect(outcome.leads[0]).toMatchObject({ status: "rejected" });
    expect(outcome.leads[0]!.reason).toMatch(/"12"/);
    expect(await db.callTask.count()).toBe(0);
    expect(await db.delivery.findFirstOrThrow()).toMatchObject({ status: "rejected", rejected: 1, accepted: 0 });
  });

  it("reads a lead lacking its mapped field from the CRM afterwards, and logs a rejection if it still has no phone", async () => {
    const { input } = await setup();
    const outcome = await ingestDelivery(
      embeddedDriver,
      input([{ crmLeadId: "p-3", dedupeKey: "k:p-3", fields: { ProspectID: "p-3", FirstName: "Asha" } }], true),
    );
    const callId = outcome.leads[0]!.callId!;
    expect(outcome.leads[0]).toMatchObject({ status: "accepted" });
    expect(await db.callTask.findUniqueOrThrow({ where: { id: callId } })).toMatchObject({ status: "resolving", phone: "" });

    const { binding } = scriptedProvider({ outcomes: {}, reportDelayMs: 0, now: () => new Date(), onReport: async () => true });
    const deps = {
      ...testDeps(binding, () => new Date()),
      lookupLeads: async () => new Map([[callId, { ProspectID: "p-3", FirstName: "Asha", Phone: null }]]),
      leadRejected,
    };
    expect(await resolveLeads(deps, callId)).toEqual({ scheduled: [] });
    const task = await db.callTask.findUniqueOrThrow({ where: { id: callId } });
    // Failed before any dial: the reason is on the task, and Call History shows the lead's name.
    expect(task).toMatchObject({ status: "failed", activeDedupeKey: null, leadName: "Asha", attemptsMade: 0 });
    expect(task.lastError).toMatch(/Phone/);
    expect(task.nextAttemptReason).toMatchObject({ kind: "finished", why: task.lastError });
    expect(await db.deliveryLead.findFirstOrThrow({ where: { callTaskId: callId } })).toMatchObject({ status: "rejected" });
    expect(await db.delivery.findUniqueOrThrow({ where: { id: outcome.deliveryId } })).toMatchObject({
      status: "rejected",
      accepted: 0,
      rejected: 1,
    });
  });
});

describe("resolveLeads", () => {
  it("saves a looked-up lead's number, variables and name, and wakes it at its first attempt through the outbox", async () => {
    const { input } = await setup();
    const outcome = await ingestDelivery(
      embeddedDriver,
      input([{ crmLeadId: "p-5", dedupeKey: "k:p-5", fields: { ProspectID: "p-5" } }], true),
    );
    const callId = outcome.leads[0]!.callId!;
    await db.callWakeup.deleteMany();
    const { binding } = scriptedProvider({ outcomes: {}, reportDelayMs: 0, now: () => new Date(), onReport: async () => true });
    const deps = {
      ...testDeps(binding, () => new Date()),
      lookupLeads: async () => new Map([[callId, { ProspectID: "p-5", FirstName: "Asha", LastName: "Rao", Phone: "9876500009" }]]),
    };
    const { scheduled } = await resolveLeads(deps, callId);
    expect(scheduled.map((s) => s.taskId)).toEqual([callId]);
    const task = await db.callTask.findUniqueOrThrow({ where: { id: callId } });
    expect(task).toMatchObject({ status: "scheduled", leadName: "Asha Rao", phone: "+919876500009" });
    expect(await db.callWakeup.findMany()).toEqual([expect.objectContaining({ taskId: callId, runAt: task.nextAttemptAt })]);
  });

  it("ends the leads with the CRM's reason when the CRM refuses for good, and retries when it may recover", async () => {
    const { input } = await setup();
    const outcome = await ingestDelivery(
      embeddedDriver,
      input([{ crmLeadId: "p-4", dedupeKey: "k:p-4", fields: { ProspectID: "p-4" } }], true),
    );
    const callId = outcome.leads[0]!.callId!;
    const { binding } = scriptedProvider({ outcomes: {}, reportDelayMs: 0, now: () => new Date(), onReport: async () => true });
    const failing = (err: Error) => ({ ...testDeps(binding, () => new Date()), lookupLeads: async () => Promise.reject(err) });

    await expect(resolveLeads(failing(new CrmError("rate_limited", "slow down", { status: 429 })), callId)).rejects.toThrow("slow down");
    expect((await db.callTask.findUniqueOrThrow({ where: { id: callId } })).status).toBe("resolving");

    await resolveLeads(failing(new CrmError("unauthorized", "LeadSquared rejected the keys", { status: 401 })), callId);
    const task = await db.callTask.findUniqueOrThrow({ where: { id: callId } });
    expect(task.status).toBe("failed");
    expect(task.lastError).toBe("Could not read the lead from the CRM: LeadSquared rejected the keys");
  });
});
