import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeLeadSquared, type FakeLeadSquared } from "@/e2e/support/fakes/leadsquared";
import { createLeadSquaredClient } from "./client";
import { webhookBody, type WebhookBody } from "./webhook-definition";
import { DEFAULT_WEBHOOK_VALUES, leadSquaredWebhookSchema } from "./webhook-schema";
import { crmFailure } from "@/lib/http/crm-failure.test-support";

const URL_ = "https://leadline.example.com/api/call/crm-webhook?agent_id=agt_1&type=leadsquared&events=lead_create";
const LEAD = "a311900c-0e56-4601-b580-f931645e7b32";
let fake: FakeLeadSquared;

beforeEach(async () => {
  fake = createFakeLeadSquared({ rateLimit: { limit: 100 } });
  await fake.start();
});
afterEach(() => fake.stop());

const client = () =>
  createLeadSquaredClient({ baseUrl: fake.baseUrl, accessKey: fake.accessKey, secretKey: fake.secretKey, timeoutMs: 2_000 });

function body(overrides: Partial<typeof DEFAULT_WEBHOOK_VALUES> = {}, url = URL_): WebhookBody {
  return webhookBody(leadSquaredWebhookSchema.parse({ ...DEFAULT_WEBHOOK_VALUES, ...overrides, url }), { url, apiKey: "ll_test_key" });
}

describe("webhooks", () => {
  it("createWebhook posts the documented body with the keys in the query and returns LeadSquared's id", async () => {
    const { id } = await client().createWebhook(body());
    expect(fake.webhooks.map((w) => w.WebhookId)).toEqual([id]);
    expect(fake.requests.map((r) => [r.method, r.path, r.query, r.body])).toEqual([
      [
        "POST",
        "/v2/Webhook.svc/Create",
        { accessKey: fake.accessKey, secretKey: fake.secretKey },
        {
          Description: "Leadline – new leads",
          URL: URL_,
          Method: "POST",
          ContentType: "application/json",
          WebhookEvent: "3",
          IsSpecificLandingPage: false,
          NotifyOnFailure: true,
          WebhookProperties: null,
          CustomHeaders: [{ Key: "X-API-KEY", Value: "ll_test_key" }],
        },
      ],
    ]);
  });

  it("refuses more than 10 custom headers before calling LeadSquared", async () => {
    const tooMany = { ...body(), CustomHeaders: Array.from({ length: 11 }, (_, i) => ({ Key: `X-${i}`, Value: "v" })) };
    const err = await crmFailure(client().createWebhook(tooMany));
    expect([err.kind, err.message]).toEqual(["rejected", "LeadSquared allows at most 10 custom headers on a webhook."]);
    expect(fake.requests).toEqual([]);
  });

  it("a request LeadSquared refuses becomes rejected, quoting its message", async () => {
    const err = await crmFailure(client().createWebhook({ ...body(), URL: "leadline.example.com/hook" }));
    expect([err.kind, err.status, err.vendorCode, err.message]).toEqual([
      "rejected",
      400,
      "MXMandatoryAttributeMissingException",
      "LeadSquared refused the request (HTTP 400). LeadSquared said: “'URL' is mandatory”",
    ]);
  });

  it("updateWebhook posts the same body plus WebhookId", async () => {
    const { id } = await client().createWebhook(body());
    await client().updateWebhook(id, body({ description: "Leadline – updates", event: "6" }));
    expect(fake.requests[1]?.path).toBe("/v2/Webhook.svc/Update");
    expect(fake.requests[1]?.body).toEqual({ WebhookId: id, ...body({ description: "Leadline – updates", event: "6" }) });
    expect(fake.webhooks.map((w) => [w.WebhookId, w.Description, w.WebhookEvent])).toEqual([
      [id, "Leadline – updates", "Lead_Post_Update"],
    ]);
  });

  it("updateWebhook of an id LeadSquared does not know: rejected with its message", async () => {
    const err = await crmFailure(client().updateWebhook("nope", body()));
    expect([err.kind, err.status, err.message]).toEqual([
      "rejected",
      400,
      "LeadSquared refused the request (HTTP 400). LeadSquared said: “Webhook nope does not exist”",
    ]);
  });

  it("listWebhooks reads every page and filters by event name", async () => {
    const lsq = client();
    for (let i = 0; i < 27; i++) await lsq.createWebhook(body({ description: `hook ${i}` }, `${URL_}&n=${i}`));
    const update = await lsq.createWebhook(body({ description: "updates", event: "6" }));
    const all = await lsq.listWebhooks();
    expect(all.length).toBe(28);
    const expected = { id: update.id, url: URL_, event: "Lead_Post_Update", statusCode: 0, description: "updates" };
    expect(all[27]).toEqual(expected);
    expect(fake.requests.filter((r) => r.path === "/v2/Webhook.svc/Retrieve").length).toBe(2);
    expect(await lsq.listWebhooks({ event: "Lead_Post_Update" })).toEqual([expected]);
  });
});

describe("postActivity", () => {
  const activity = { leadId: LEAD, activityEvent: 201, note: "AI call: completed", at: new Date("2026-11-22T04:30:00.250Z") };

  it("posts RelatedProspectId, ActivityEvent, the note, UTC date-time and fields, and returns the activity id", async () => {
    const { id } = await client().postActivity({ ...activity, fields: [{ schemaName: "mx_Custom_1", value: "completed" }] });
    expect(fake.requests.map((r) => [r.method, r.path, r.query, r.body])).toEqual([
      [
        "POST",
        "/v2/ProspectActivity.svc/Create",
        { accessKey: fake.accessKey, secretKey: fake.secretKey },
        {
          RelatedProspectId: LEAD,
          ActivityEvent: 201,
          ActivityNote: "AI call: completed",
          ActivityDateTime: "2026-11-22 04:30:00",
          Fields: [{ SchemaName: "mx_Custom_1", Value: "completed" }],
        },
      ],
    ]);
    expect(fake.activities).toEqual([
      {
        Id: id,
        RelatedProspectId: LEAD,
        ActivityEvent: 201,
        ActivityNote: "AI call: completed",
        ActivityDateTime: "2026-11-22 04:30:00",
        Fields: [{ SchemaName: "mx_Custom_1", Value: "completed" }],
      },
    ]);
  });

  it("an unknown lead or activity type: rejected with LeadSquared's message", async () => {
    const lead = await crmFailure(client().postActivity({ ...activity, leadId: "missing" }));
    const type = await crmFailure(client().postActivity({ ...activity, activityEvent: 999 }));
    expect([lead.kind, lead.status, lead.message]).toEqual([
      "rejected",
      400,
      "LeadSquared refused the request (HTTP 400). LeadSquared said: “Lead missing does not exist”",
    ]);
    expect([type.kind, type.status]).toEqual(["rejected", 400]);
    expect(fake.activities).toEqual([]);
  });

  it("401, 429, 500 on demand: unauthorized, rate_limited (transient), bad_response (transient)", async () => {
    fake.failNext(1, "401");
    fake.failNext(1, "429");
    fake.failNext(1, "500");
    const kinds = [];
    for (let i = 0; i < 3; i++) {
      const err = await crmFailure(client().postActivity(activity));
      kinds.push([err.kind, err.status, err.transient]);
    }
    expect(kinds).toEqual([
      ["unauthorized", 401, false],
      ["rate_limited", 429, true],
      ["bad_response", 500, true],
    ]);
  });

  it("LeadSquared's 200 carrying MXAPIRateLimitExceededException is a rate limit, not a success", async () => {
    await fake.stop();
    fake = createFakeLeadSquared({ rateLimit: { limit: 1, windowMs: 60_000, answer: "200" } });
    await fake.start();
    await client().postActivity(activity);
    const err = await crmFailure(client().postActivity(activity));
    expect([err.kind, err.status, err.vendorCode, err.retryAfterMs]).toEqual([
      "rate_limited",
      200,
      "MXAPIRateLimitExceededException",
      5_000,
    ]);
    expect(fake.activities.length).toBe(1);
  });
});
