// Call outcomes back to the CRM: a settled attempt queues its writes in the settle's transaction, and the drain sends
// exactly these requests to the fake LeadSquared and HubSpot servers, with their refusals and retries.
import pg from "pg";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFakeHubSpot, FAKE_HUBSPOT_CONTACTS, FAKE_HUBSPOT_TOKEN } from "@/e2e/support/fakes/hubspot";
import { createFakeLeadSquared, FAKE_LSQ_ACCESS_KEY, FAKE_LSQ_LEADS, FAKE_LSQ_SECRET_KEY } from "@/e2e/support/fakes/leadsquared";
import { callPageUrl } from "@/lib/call-webhooks/payload";
import { recordReport, settleTasks } from "@/lib/calls/writes";
import { HUBSPOT_CALL_DISPOSITIONS } from "@/lib/crm/hubspot/client";
import { encryptSecret } from "@/lib/crypto/secrets";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { AfterAttempt } from "@/lib/calls/state";
import type { CallOutcome } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import type { CallReport } from "@/lib/providers/voice/port";
import { freePort } from "@/scripts/postgres";
import { createAgentRow } from "@/test/call-fixtures";
import { truncateAll } from "@/test/databases";
import { createOrg } from "@/test/factories";
import { drainWrites } from "./drain";
import { CRM_TEXT_LIMITS } from "./outcome-writes";
import { listCallWrites, retryCallWrite } from "./queries";
import { WRITE_BACK_OFF, type WriteBackSettings } from "./settings";

// Each "process" its own pool: nothing in memory is shared, only Postgres.
let processA: pg.Pool;
let processB: pg.Pool;
const lsq = createFakeLeadSquared();
const hubspot = createFakeHubSpot();
const hubspotPort = await freePort();
process.env.HUBSPOT_API_BASE_URL = `http://127.0.0.1:${hubspotPort}`;

beforeAll(async () => {
  processA = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  processB = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  await lsq.start();
  await hubspot.start(hubspotPort);
});
afterAll(async () => {
  await processA.end();
  await processB.end();
  await lsq.stop();
  await hubspot.stop();
});
beforeEach(async () => {
  await truncateAll(process.env.DATABASE_URL!);
  for (const list of [lsq.requests, lsq.activities, lsq.leadUpdates, hubspot.requests, hubspot.calls]) list.length = 0;
});

const LEAD = String(FAKE_LSQ_LEADS[0]!.ProspectID);
const CONTACT = FAKE_HUBSPOT_CONTACTS[0]!.id;
const DIALED = new Date("2030-01-07T05:00:00Z");
const ENDED = new Date("2030-01-07T05:01:35Z");

async function seed(
  crm: "leadsquared" | "hubspot",
  settings: Partial<WriteBackSettings>,
  opts: { maxAttempts?: number; leadId?: string } = {},
) {
  const { organization } = await createOrg();
  const orgId = organization.id;
  const secrets =
    crm === "leadsquared" ? { accessKey: FAKE_LSQ_ACCESS_KEY, secretKey: FAKE_LSQ_SECRET_KEY } : { token: FAKE_HUBSPOT_TOKEN };
  const integration = await db.integration.create({
    data: {
      id: newId("int"),
      orgId,
      crm,
      config: crm === "leadsquared" ? { host: lsq.baseUrl } : { portalId: hubspot.hubId },
      secrets: encryptSecret(JSON.stringify(secrets), process.env.LEADLINE_ENCRYPTION_KEY!),
    },
  });
  const agent = await createAgentRow(orgId);
  await db.agent.update({ where: { id: agent.id }, data: { writeBack: { ...WRITE_BACK_OFF, ...settings } } });
  const task = await db.callTask.create({
    data: {
      id: newId("call"),
      orgId,
      agentId: agent.id,
      status: "in_progress",
      source: crm,
      phone: "+919876500301",
      crmLeadId: opts.leadId ?? (crm === "leadsquared" ? LEAD : CONTACT),
      variables: {},
      scheduleParams: {},
      timezone: "Asia/Kolkata",
      maxAttempts: opts.maxAttempts ?? 2,
    },
  });
  return { orgId, agent, task, integration };
}

/** Settles the task past its attempt `number`, as read now, as `decision` says; the ids of the tasks that moved (none, or it). */
const settleOne = async (s: Awaited<ReturnType<typeof seed>>, number: number, decision: AfterAttempt) =>
  settleTasks(
    [
      {
        task: await db.callTask.findUniqueOrThrow({ where: { id: s.task.id } }),
        ended: await db.callAttempt.findUniqueOrThrow({ where: { taskId_number: { taskId: s.task.id, number } } }),
        decision,
      },
    ],
    new Date(),
  );

/** An attempt ends with `outcome` and its task settles: a retry follows unless `final`. */
async function endAndSettle(s: Awaited<ReturnType<typeof seed>>, number: number, outcome: CallOutcome, final: boolean) {
  const attempt = await db.callAttempt.create({
    data: {
      id: newId("att"),
      taskId: s.task.id,
      agentId: s.agent.id,
      number,
      status: "ended",
      scheduledAt: DIALED,
      reason: {},
      dialedAt: DIALED,
      endedAt: ENDED,
      provider: "simulator",
      providerCallId: `sim_${number}_${s.task.id}`,
      outcome,
      outcomeDetail: outcome === "no_answer" ? "customer-did-not-answer" : null,
      variablesSent: {},
    },
  });
  await db.callTask.update({ where: { id: s.task.id }, data: { status: "in_progress", attemptsMade: number } });
  const settled = await settleOne(
    s,
    number,
    final
      ? { kind: "finish", status: outcome === "completed" ? "completed" : "failed", why: "done" }
      : { kind: "retry", at: new Date(Date.now() + 3_600_000), reason: { kind: "retry" } as never },
  );
  expect(settled).toEqual([s.task.id]);
  return attempt;
}

const writes = () => db.crmWrite.findMany({ orderBy: [{ createdAt: "asc" }, { kind: "asc" }] });

const CONTENT = {
  summary: "Asha is interested and asked for a callback tomorrow at 11.",
  transcript: "AI: Hello Asha, is now a good time?\nUser: Yes. Call me tomorrow at 11, please.",
  recordingUrl: "https://storage.vapi.ai/call-1-mono.wav",
};

/**
 * A dialed attempt gets the provider's report through recordReport (the status webhook's path), then its task
 * settles as the last attempt: what the report carried is stored on the attempt and queued for the CRM.
 */
async function reportAndSettle(s: Awaited<ReturnType<typeof seed>>, content: Partial<typeof CONTENT>) {
  const attempt = await db.callAttempt.create({
    data: {
      id: newId("att"),
      taskId: s.task.id,
      agentId: s.agent.id,
      number: 1,
      status: "in_progress",
      scheduledAt: DIALED,
      reason: {},
      dialedAt: DIALED,
      provider: s.agent.provider,
      providerCallId: `call_${s.task.id}`,
      variablesSent: {},
    },
  });
  await db.callTask.update({ where: { id: s.task.id }, data: { attemptsMade: 1 } });
  const report = {
    providerCallId: `call_${s.task.id}`,
    outcome: "completed",
    detail: "customer-ended-call",
    endedAt: ENDED,
    retryable: false,
  };
  expect(await recordReport(s.agent, { ...report, ...content } as CallReport)).toMatchObject({ duplicate: false });
  expect(await settleOne(s, 1, { kind: "finish", status: "completed", why: "answered" })).toEqual([s.task.id]);
  return db.callAttempt.findUniqueOrThrow({ where: { id: attempt.id } });
}

const callUrl = (s: Awaited<ReturnType<typeof seed>>) => callPageUrl(s.task.id, env().LEADLINE_PUBLIC_URL);

describe("LeadSquared write-back", () => {
  it("posts the activity and updates the lead after each attempt, exactly once however often the attempt settles", async () => {
    const s = await seed("leadsquared", {
      mode: "each_attempt",
      leadSquaredActivityEvent: 202,
      fieldUpdates: [
        { outcome: "no_answer", field: "ProspectStage", value: "Opportunity" },
        { outcome: "completed", field: "ProspectStage", value: "Customer" },
      ],
    });
    const attempt = await endAndSettle(s, 1, "no_answer", false);
    // A repeated settle changes nothing (the task moved on) and queues nothing.
    expect(await settleOne(s, 1, { kind: "finish", status: "failed", why: "x" })).toEqual([]);
    const queued = await writes();
    expect(queued.map((w) => [w.kind, w.dedupeKey, w.account, w.status])).toEqual([
      ["leadsquared.activity", `leadsquared.activity:${attempt.id}`, `leadsquared:${s.integration.id}`, "pending"],
      ["leadsquared.lead_update", `leadsquared.lead_update:${attempt.id}`, `leadsquared:${s.integration.id}`, "pending"],
    ]);

    expect(await drainWrites({ pool: processA })).toMatchObject({ claimed: 2, written: 2 });
    const activity = lsq.requests.find((r) => r.path === "/v2/ProspectActivity.svc/Create")!;
    expect(activity.method).toBe("POST");
    expect(activity.query).toMatchObject({ accessKey: FAKE_LSQ_ACCESS_KEY });
    expect(activity.body).toEqual({
      RelatedProspectId: LEAD,
      ActivityEvent: 202,
      ActivityNote: [
        "Leadline AI call, attempt 1 of 2: no answer",
        "Duration: 95 s",
        `Provider call id: sim_1_${s.task.id}`,
        "Provider's reason: customer-did-not-answer",
      ].join("\n"),
      ActivityDateTime: "2030-01-07 05:01:35",
      Fields: [],
    });
    const update = lsq.requests.find((r) => r.path === "/v2/LeadManagement.svc/Lead.Update")!;
    expect(update.query).toMatchObject({ leadId: LEAD });
    expect(update.body).toEqual([{ Attribute: "ProspectStage", Value: "Opportunity" }]);
    expect(lsq.leads.get(LEAD)!.ProspectStage).toBe("Opportunity");
    const rows = await writes();
    expect(rows.map((w) => w.status)).toEqual(["written", "written"]);
    expect(rows[0]!.response).toMatchObject({ activityId: lsq.activities[0]!.Id });
  });

  it("only the final outcome: nothing after a retried attempt, one activity after the last", async () => {
    const s = await seed("leadsquared", { mode: "final", leadSquaredActivityEvent: 201 });
    await endAndSettle(s, 1, "busy", false);
    expect(await writes()).toEqual([]);
    const last = await endAndSettle(s, 2, "completed", true);
    expect((await writes()).map((w) => w.dedupeKey)).toEqual([`leadsquared.activity:${last.id}:final`]);
    await drainWrites({ pool: processA });
    expect(lsq.activities.map((a) => a.ActivityNote.split("\n")[0])).toEqual(["Leadline AI call, attempt 2 of 2: answered (final)"]);
  });

  it("off, or a call that did not come from the CRM, writes nothing", async () => {
    const off = await seed("leadsquared", { mode: "off", leadSquaredActivityEvent: 201 });
    await endAndSettle(off, 1, "completed", true);
    const api = await seed("leadsquared", { mode: "each_attempt", leadSquaredActivityEvent: 201 });
    await db.callTask.update({ where: { id: api.task.id }, data: { source: "api", crmLeadId: null } });
    await endAndSettle(api, 1, "completed", true);
    expect(await writes()).toEqual([]);
  });

  it.each([
    ["400", "failed", /not valid/],
    ["401", "failed", /AccessKey|key/i],
    ["404", "failed", /./],
    ["429", "pending", /rate|limit/i],
    ["500", "pending", /./],
  ] as const)("LeadSquared answering %s: the write ends %s with the reason", async (mode, status, reason) => {
    const s = await seed("leadsquared", { mode: "each_attempt", leadSquaredActivityEvent: 201 });
    await endAndSettle(s, 1, "completed", false);
    lsq.failNext(1, mode, "/v2/ProspectActivity.svc/Create");
    await drainWrites({ pool: processA });
    const [row] = await writes();
    expect(row!.status).toBe(status);
    expect(row!.lastError).toMatch(reason);
    expect(row!.response).toMatchObject({ status: Number(mode) });
    if (status === "pending") expect(row!.runAt.getTime()).toBeGreaterThan(Date.now() + 10_000);
    expect(lsq.activities).toHaveLength(0);
  });

  it("an activity type the account does not have is refused with LeadSquared's reason", async () => {
    const s = await seed("leadsquared", { mode: "each_attempt", leadSquaredActivityEvent: 999 });
    await endAndSettle(s, 1, "completed", true);
    await drainWrites({ pool: processA });
    expect(await writes()).toMatchObject([{ status: "failed", lastError: expect.stringMatching(/999/) }]);
  });

  it(
    "two processes draining one account's writes together stay within 25 calls per 5 s, with no 429",
    async () => {
      const s = await seed("leadsquared", { mode: "each_attempt", leadSquaredActivityEvent: 201 });
      for (let n = 1; n <= 35; n++) await endAndSettle(s, n, "no_answer", false);
      // The earlier tests' calls still count in the fake's window, while truncating forgot them in the budget's row.
      await new Promise((r) => setTimeout(r, 5_000));
      const [a, b] = await Promise.all([drainWrites({ pool: processA, batch: 10 }), drainWrites({ pool: processB, batch: 10 })]);
      expect((await writes()).filter((w) => w.status !== "written").map((w) => [w.status, w.lastError])).toEqual([]);
      expect(a.written + b.written).toBe(35);
      expect(a.claimed).toBeGreaterThan(0);
      expect(b.claimed).toBeGreaterThan(0);
      const times = lsq.requests.map((r) => r.at).sort((x, y) => x - y);
      expect(lsq.requests.every((r) => r.status === 200)).toBe(true);
      let most = 0;
      for (let i = 0, j = 0; i < times.length; i++) {
        while (times[i]! - times[j]! >= 5_000) j++;
        most = Math.max(most, i - j + 1);
      }
      expect(most).toBeLessThanOrEqual(25);
      expect(lsq.activities).toHaveLength(35);
    },
    // Time is not the behaviour here: a starved machine misses slots and takes new ones, which takes longer.
    90_000,
  );
});

describe("the call's summary, transcript and recording link", () => {
  it("a report stores them on the attempt, and the LeadSquared activity carries them in its note", async () => {
    const s = await seed("leadsquared", { mode: "final", leadSquaredActivityEvent: 201 });
    const attempt = await reportAndSettle(s, CONTENT);
    expect(attempt).toMatchObject({ status: "ended", outcome: "completed", ...CONTENT });
    const note = [
      "Leadline AI call, attempt 1 of 2: answered (final)",
      "Duration: 95 s",
      `Provider call id: call_${s.task.id}`,
      "Provider's reason: customer-ended-call",
      `Recording: ${CONTENT.recordingUrl}`,
      `Summary: ${CONTENT.summary}`,
      "",
      "Transcript:",
      CONTENT.transcript,
    ].join("\n");
    const [queued] = await writes();
    expect(queued!.payload).toMatchObject({ note });

    await drainWrites({ pool: processA });
    expect(lsq.requests.find((r) => r.path === "/v2/ProspectActivity.svc/Create")!.body).toEqual({
      RelatedProspectId: LEAD,
      ActivityEvent: 201,
      ActivityNote: note,
      ActivityDateTime: "2030-01-07 05:01:35",
      Fields: [],
    });
  });

  it("the HubSpot engagement gets the summary then the transcript as its body, and the recording as hs_call_recording_url", async () => {
    const s = await seed("hubspot", { mode: "final", hubSpotEngagement: true });
    await reportAndSettle(s, CONTENT);
    await drainWrites({ pool: processA });
    expect(hubspot.requests.find((r) => r.path === "/crm/v3/objects/calls")!.body).toEqual({
      properties: {
        hs_timestamp: ENDED.toISOString(),
        hs_call_title: "Leadline AI call, attempt 1",
        hs_call_body: [
          "Leadline AI call, attempt 1 of 2: answered (final)",
          "Duration: 95 s",
          `Provider call id: call_${s.task.id}`,
          "Provider's reason: customer-ended-call",
          `Summary: ${CONTENT.summary}`,
          "",
          "Transcript:",
          CONTENT.transcript,
        ].join("\n"),
        hs_call_direction: "OUTBOUND",
        hs_call_duration: "95000",
        hs_call_disposition: HUBSPOT_CALL_DISPOSITIONS.connected,
        hs_call_status: "COMPLETED",
        hs_call_to_number: "+919876500301",
        hs_call_recording_url: CONTENT.recordingUrl,
      },
      associations: [{ to: { id: CONTACT }, types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: 194 }] }],
    });
  });

  it("an agent that leaves the transcript out sends the summary and link only; a provider that gave none sends neither", async () => {
    const s = await seed("hubspot", { mode: "final", hubSpotEngagement: true, includeTranscript: false });
    const attempt = await reportAndSettle(s, CONTENT);
    // Kept in Leadline all the same: the setting is about what leaves for the CRM.
    expect(attempt.transcript).toBe(CONTENT.transcript);
    const t = await seed("leadsquared", { mode: "final", leadSquaredActivityEvent: 201 });
    expect(await reportAndSettle(t, {})).toMatchObject({ summary: null, transcript: null, recordingUrl: null });
    await drainWrites({ pool: processA });
    const [call] = hubspot.calls;
    expect(call!.properties.hs_call_body).toMatch(new RegExp(`Summary: ${CONTENT.summary}$`));
    expect(call!.properties.hs_call_recording_url).toBe(CONTENT.recordingUrl);
    expect(lsq.activities[0]!.ActivityNote).not.toMatch(/Summary|Recording|Transcript/);
  });

  it("a transcript too long for LeadSquared's note is cut to fit, with a link to the whole of it on the call", async () => {
    const s = await seed("leadsquared", { mode: "final", leadSquaredActivityEvent: 201 });
    const transcript = Array.from({ length: 2_000 }, (_, i) => `User: line ${i}`).join("\n");
    expect((await reportAndSettle(s, { ...CONTENT, transcript })).transcript).toBe(transcript);
    await drainWrites({ pool: processA });
    const note = lsq.activities[0]!.ActivityNote;
    expect(note).toHaveLength(CRM_TEXT_LIMITS.leadSquaredNote);
    expect(note).toContain(`Summary: ${CONTENT.summary}\n\nTranscript:\nUser: line 0\nUser: line 1\n`);
    expect(note.endsWith(`\n…[cut to fit; the whole transcript is on the call in Leadline: ${callUrl(s)}]`)).toBe(true);
  });
});

describe("Call History's write-back state", () => {
  it("lists a call's writes to its organisation only, and Retry sends a failed one again", async () => {
    const s = await seed("leadsquared", { mode: "each_attempt", leadSquaredActivityEvent: 201 });
    await endAndSettle(s, 1, "completed", true);
    lsq.failNext(1, "400", "/v2/ProspectActivity.svc/Create");
    await drainWrites({ pool: processA });
    const [failed] = await listCallWrites(s.orgId, s.task.id);
    expect(failed).toMatchObject({ label: "LeadSquared activity", status: "failed", lastError: expect.stringMatching(/not valid/) });
    const other = (await createOrg()).organization.id;
    await expect(listCallWrites(other, s.task.id)).rejects.toMatchObject({ status: 404 });
    await expect(retryCallWrite(other, s.task.id, failed!.id)).rejects.toMatchObject({ status: 404 });
    expect(await retryCallWrite(s.orgId, s.task.id, failed!.id)).toMatchObject({ status: "pending", tries: 0 });
    await expect(retryCallWrite(s.orgId, s.task.id, failed!.id)).rejects.toMatchObject({ status: 409 });
    await drainWrites({ pool: processA });
    expect(await listCallWrites(s.orgId, s.task.id)).toMatchObject([{ status: "written", lastError: null }]);
    expect(lsq.activities).toHaveLength(1);
  });
});

describe("HubSpot write-back", () => {
  it("creates the call engagement associated with the contact and sets the mapped property", async () => {
    const s = await seed("hubspot", {
      mode: "each_attempt",
      hubSpotEngagement: true,
      fieldUpdates: [{ outcome: "completed", field: "lifecyclestage", value: "lead" }],
    });
    const attempt = await endAndSettle(s, 1, "completed", true);
    expect(await drainWrites({ pool: processA })).toMatchObject({ written: 2 });
    const create = hubspot.requests.find((r) => r.path === "/crm/v3/objects/calls")!;
    expect(create.headers.authorization).toBe(`Bearer ${FAKE_HUBSPOT_TOKEN}`);
    expect(create.body).toEqual({
      properties: {
        hs_timestamp: ENDED.toISOString(),
        hs_call_title: "Leadline AI call, attempt 1",
        hs_call_body: ["Leadline AI call, attempt 1 of 2: answered (final)", "Duration: 95 s", `Provider call id: sim_1_${s.task.id}`].join(
          "\n",
        ),
        hs_call_direction: "OUTBOUND",
        hs_call_duration: "95000",
        hs_call_disposition: HUBSPOT_CALL_DISPOSITIONS.connected,
        hs_call_status: "COMPLETED",
        hs_call_to_number: "+919876500301",
      },
      associations: [{ to: { id: CONTACT }, types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: 194 }] }],
    });
    const patch = hubspot.requests.find((r) => r.method === "PATCH")!;
    expect(patch.path).toBe(`/crm/v3/objects/contacts/${CONTACT}`);
    expect(patch.body).toEqual({ properties: { lifecyclestage: "lead" } });
    expect(hubspot.calls).toMatchObject([{ contactId: CONTACT }]);
    expect((await writes()).map((w) => [w.dedupeKey, w.status])).toEqual([
      [`hubspot.call:${attempt.id}`, "written"],
      [`hubspot.contact_update:${attempt.id}`, "written"],
    ]);
  });

  it("a contact that does not exist is refused; HubSpot's 500 and 429 are retried", async () => {
    const s = await seed("hubspot", { mode: "each_attempt", hubSpotEngagement: true }, { leadId: "999999" });
    await endAndSettle(s, 1, "busy", false);
    await drainWrites({ pool: processA });
    expect(await writes()).toMatchObject([{ status: "failed", lastError: expect.stringMatching(/999999/) }]);

    const t = await seed("hubspot", { mode: "each_attempt", hubSpotEngagement: true });
    await endAndSettle(t, 1, "busy", false);
    hubspot.failNext(1, "500");
    await drainWrites({ pool: processA });
    expect((await db.crmWrite.findFirst({ where: { taskId: t.task.id } }))!.status).toBe("pending");
  });
});
