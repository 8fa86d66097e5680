import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeLeadSquared, FAKE_LSQ_LEADS, type FakeLeadSquared } from "@/e2e/support/fakes/leadsquared";
import { crmFailure } from "@/lib/http/crm-failure.test-support";
import { createLeadSquaredClient } from "./client";

const LEAD = String(FAKE_LSQ_LEADS[0]!.ProspectID);
const OTHER = String(FAKE_LSQ_LEADS[1]!.ProspectID);
const PATH = "/v2/ProspectActivity.svc/Bulk/CustomActivity/Add/ByLeadId";
let fake: FakeLeadSquared;

beforeEach(async () => {
  fake = createFakeLeadSquared();
  await fake.start();
});
afterEach(() => fake.stop());

const client = () =>
  createLeadSquaredClient({ baseUrl: fake.baseUrl, accessKey: fake.accessKey, secretKey: fake.secretKey, timeoutMs: 2_000 });
const activity = (note: string, leadId = LEAD) => ({ leadId, activityEvent: 201, note, at: new Date("2026-11-22T04:30:00.250Z") });

describe("postActivitiesBulk", () => {
  it("posts the single post's bodies as one array and returns each activity's id in the order sent", async () => {
    const results = await client().postActivitiesBulk([
      activity("first"),
      { ...activity("second", OTHER), activityEvent: 202, fields: [{ schemaName: "mx_Custom_1", value: "busy" }] },
    ]);
    expect(fake.requests.map((r) => [r.method, r.path, r.query, r.body])).toEqual([
      [
        "POST",
        PATH,
        { accessKey: fake.accessKey, secretKey: fake.secretKey },
        [
          { RelatedProspectId: LEAD, ActivityEvent: 201, ActivityNote: "first", ActivityDateTime: "2026-11-22 04:30:00", Fields: [] },
          {
            RelatedProspectId: OTHER,
            ActivityEvent: 202,
            ActivityNote: "second",
            ActivityDateTime: "2026-11-22 04:30:00",
            Fields: [{ SchemaName: "mx_Custom_1", Value: "busy" }],
          },
        ],
      ],
    ]);
    expect(results).toEqual(fake.activities.map((a) => ({ id: a.Id })));
    expect(fake.activities.map((a) => [a.RelatedProspectId, a.ActivityNote])).toEqual([
      [LEAD, "first"],
      [OTHER, "second"],
    ]);
  });

  it("an activity LeadSquared refuses inside the answer is that item's rejection; the others are posted", async () => {
    const [ok, missing, last] = await client().postActivitiesBulk([activity("a"), activity("b", "no-such-lead"), activity("c")]);
    expect(fake.requests.map((r) => r.status)).toEqual([200]);
    expect(ok).toEqual({ id: fake.activities[0]!.Id });
    expect(last).toEqual({ id: fake.activities[1]!.Id });
    const err = "error" in missing! ? missing.error : null;
    expect([err?.kind, err?.transient, err?.vendorCode, err?.message]).toEqual([
      "rejected",
      false,
      "MXInvalidEntityException",
      "LeadSquared refused this activity: “Lead no-such-lead does not exist”",
    ]);
  });

  it("more than 25 are refused before calling LeadSquared; the fake, like LeadSquared, answers 400 to 26", async () => {
    const many = Array.from({ length: 26 }, (_, i) => activity(`n${i}`));
    const err = await crmFailure(client().postActivitiesBulk(many));
    expect([err.kind, err.message]).toEqual(["rejected", "LeadSquared takes at most 25 activities per bulk call."]);
    expect(fake.requests).toEqual([]);

    const url = `${fake.baseUrl}${PATH}?accessKey=${encodeURIComponent(fake.accessKey)}&secretKey=${fake.secretKey}`;
    const bodies = many.map((a) => ({
      RelatedProspectId: a.leadId,
      ActivityEvent: 201,
      ActivityNote: a.note,
      ActivityDateTime: "2026-11-22 04:30:00",
    }));
    const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(bodies) });
    expect([res.status, await res.json()]).toEqual([
      400,
      { Status: "Error", ExceptionType: "MXInvalidInputException", ExceptionMessage: "The body must be an array of at most 25 activities" },
    ]);
    expect(fake.activities).toEqual([]);
  });

  it("the bulk budget is its own: a second bulk call within 5 s is rate_limited while single posts still go", async () => {
    await client().postActivitiesBulk([activity("bulk 1")]);
    const err = await crmFailure(client().postActivitiesBulk([activity("bulk 2")]));
    await client().postActivity(activity("single"));
    expect([err.kind, err.status, err.transient, err.vendorCode]).toEqual(["rate_limited", 429, true, "MXAPIRateLimitExceededException"]);
    expect(err.message).toContain("API calls exceeded the limit of 1 in 5 second(s)");
    expect(fake.activities.map((a) => a.ActivityNote)).toEqual(["bulk 1", "single"]);
  });

  it("wrong keys and LeadSquared's 500: unauthorized, and a transient bad_response", async () => {
    fake.failNext(1, "500", PATH);
    const failed = await crmFailure(client().postActivitiesBulk([activity("x")]));
    const stale = client();
    fake.rotateKeys({ secretKey: "rotated" });
    const refused = await crmFailure(stale.postActivitiesBulk([activity("x")]));
    expect([failed.kind, failed.status, failed.transient]).toEqual(["bad_response", 500, true]);
    expect([refused.kind, refused.status]).toEqual(["unauthorized", 401]);
    expect(fake.activities).toEqual([]);
  });
});
