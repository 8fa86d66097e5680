// Call outcomes back to the CRM: a settled attempt queues its writes in the settle's transaction, and the drain sends
// exactly these requests to the fake LeadSquared and HubSpot servers, with their refusals and retries.
import { describe, expect, it } from "vitest";
import { FAKE_HUBSPOT_TOKEN } from "@/e2e/support/fakes/hubspot";
import { FAKE_LSQ_ACCESS_KEY } from "@/e2e/support/fakes/leadsquared";
import { HUBSPOT_CALL_DISPOSITIONS } from "@/lib/crm/hubspot/client";
import { db } from "@/lib/db";
import { createOrg } from "@/test/factories";
import { drainWrites } from "./drain";
import { listCallWrites, retryCallWrite } from "./queries";
import {
  CONTACT,
  ENDED,
  endAndSettle,
  hubspot,
  LEAD,
  lsq,
  processA,
  processB,
  seed,
  settleOne,
  withWriteBackFakes,
  writes,
} from "./write-back.test-support";

withWriteBackFakes();

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
