import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFakeLeadSquared, FAKE_LSQ_ACCESS_KEY, FAKE_LSQ_SECRET_KEY } from "@/e2e/support/fakes/leadsquared";
import { createAgent } from "@/lib/agents/queries";
import { agentInputSchema } from "@/lib/agents/schema";
import { createApiKey } from "@/lib/api-keys/queries";
import { DEFAULT_WEBHOOK_VALUES, leadSquaredWebhookSchema } from "@/lib/crm/leadsquared/webhook-schema";
import { db } from "@/lib/db";
import { ApiError } from "@/lib/http/errors";
import { truncateAll } from "@/test/databases";
import { connectFakeLeadSquared, createOrg } from "@/test/factories";
import { forgetLeadSquaredWebhook, listLeadSquaredWebhooks, registerLeadSquaredWebhook, updateLeadSquaredWebhook } from "./leadsquared";

const lsq = createFakeLeadSquared();
beforeAll(() => lsq.start());
afterAll(() => lsq.stop());
beforeEach(async () => {
  await truncateAll(process.env.DATABASE_URL!);
  lsq.webhooks.length = 0;
  lsq.requests.length = 0;
});

const CREATE = "/v2/Webhook.svc/Create";
const RETRIEVE = "/v2/Webhook.svc/Retrieve";
const ORIGIN = "https://leadline.example.com";

async function setup(options: { connect?: boolean } = {}) {
  const { organization, user } = await createOrg();
  const agent = await createAgent(organization.id, agentInputSchema.parse({ name: "Sales" }));
  const { key } = await createApiKey({ orgId: organization.id, name: "LeadSquared" });
  if (options.connect !== false) await connectFakeLeadSquared(organization.id, lsq.baseUrl);
  const base = `${ORIGIN}/api/call/crm-webhook?agent_id=${agent.id}&type=leadsquared`;
  const values = (overrides: object = {}) =>
    leadSquaredWebhookSchema.parse({
      ...DEFAULT_WEBHOOK_VALUES,
      url: `${base}&x_api_key=${key}&num_of_retries=1&gap_between_retries=2`,
      ...overrides,
    });
  return { orgId: organization.id, email: user.email, agent, key, base, values };
}

async function errorOf(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(err)}`);
  return err;
}

const noSleep = async () => {};

describe("registerLeadSquaredWebhook", () => {
  it("looks for the URL under every status, creates it with the key in X-API-KEY, and stores LeadSquared's id", async () => {
    const { orgId, email, agent, key, base, values } = await setup();
    const webhook = await registerLeadSquaredWebhook({ orgId, createdBy: email, values: values() });
    const registered = `${base}&num_of_retries=1&gap_between_retries=2&events=lead_create`;
    expect(lsq.requests.map((r) => [r.path, r.query, r.body])).toEqual([
      ...[0, 1, 2].map((StatusCode) => [
        RETRIEVE,
        { accessKey: FAKE_LSQ_ACCESS_KEY, secretKey: FAKE_LSQ_SECRET_KEY },
        {
          Parameter: { Type: "Webhook", WebhookEvent: "", StatusCode, WebhookId: "", SearchText: "" },
          Sorting: { ColumnName: "ModifiedOn", Direction: "1" },
          Paging: { PageIndex: 1, PageSize: 25 },
        },
      ]),
      [
        CREATE,
        { accessKey: FAKE_LSQ_ACCESS_KEY, secretKey: FAKE_LSQ_SECRET_KEY },
        {
          Description: "Leadline – new leads",
          URL: registered,
          Method: "POST",
          ContentType: "application/json",
          WebhookEvent: "3",
          IsSpecificLandingPage: false,
          NotifyOnFailure: true,
          WebhookProperties: null,
          CustomHeaders: [{ Key: "X-API-KEY", Value: key }],
        },
      ],
    ]);
    expect(webhook).toMatchObject({
      orgId,
      agentId: agent.id,
      crm: "leadsquared",
      externalId: lsq.webhooks[0]!.WebhookId,
      url: registered,
      event: "3",
      createdBy: email,
      eventLabel: "Lead create",
    });
    expect(JSON.stringify(await db.crmWebhook.findMany())).not.toContain(key);
    expect((await listLeadSquaredWebhooks(orgId, agent.id)).map((w) => w.id)).toEqual([webhook.id]);
  });

  it("a URL LeadSquared already has (any parameter order, key or not) is a 409 and nothing is created", async () => {
    const { orgId, email, values, base } = await setup();
    lsq.webhooks.push({
      ...(await seedWebhook()),
      URL: `${base.replace("agent_id", "x").replace("x=", "agent_id=")}&events=lead_create&gap_between_retries=2&num_of_retries=1`,
      StatusCode: 2,
    });
    const err = await errorOf(registerLeadSquaredWebhook({ orgId, createdBy: email, values: values() }));
    expect([err.status, err.code, err.message]).toEqual([
      409,
      "already_registered",
      `LeadSquared already has a webhook for this URL (id ${lsq.webhooks[0]!.WebhookId}, disabled after failed deliveries).`,
    ]);
    expect(lsq.requests.filter((r) => r.path === CREATE)).toEqual([]);
  });

  it("each documented failure of Create, where the dashboard shows it", async () => {
    const { orgId, email, values } = await setup();
    const cases = [
      [
        "400",
        422,
        "leadsquared_rejected",
        "form",
        "LeadSquared refused the request (HTTP 400). LeadSquared said: “The request is not valid”",
      ],
      [
        "401",
        502,
        "leadsquared_keys_rejected",
        "integration",
        expect.stringMatching(/did not accept this Access Key.*Update the keys under Integrations → LeadSquared\.$/),
      ],
      [
        "404",
        502,
        "leadsquared_host",
        "integration",
        expect.stringMatching(/has no such LeadSquared API \(HTTP 404\)\. Check the Host URL\. \(Integrations → LeadSquared\)\.$/),
      ],
      [
        "500",
        502,
        "leadsquared_error",
        "retry",
        "LeadSquared had a problem answering (HTTP 500); try again in a minute. LeadSquared said: “An unexpected error occurred”",
      ],
    ] as const;
    for (const [mode, status, code, field, message] of cases) {
      lsq.failNext(1, mode, CREATE);
      const err = await errorOf(registerLeadSquaredWebhook({ orgId, createdBy: email, values: values() }, noSleep));
      expect([mode, err.status, err.code, err.details?.[0]?.field, err.message]).toEqual([mode, status, code, field, message]);
    }
    expect(await db.crmWebhook.count()).toBe(0);
  });

  it("429: waits LeadSquared's 5 s window and tries again, at most three times", async () => {
    const { orgId, email, values } = await setup();
    const waits: number[] = [];
    lsq.failNext(2, "429", CREATE);
    await registerLeadSquaredWebhook({ orgId, createdBy: email, values: values() }, async (ms) => void waits.push(ms));
    expect(waits).toEqual([5_000, 5_000]);
    expect(lsq.requests.filter((r) => r.path === CREATE).map((r) => r.status)).toEqual([429, 429, 200]);

    lsq.failNext(3, "429", CREATE);
    const err = await errorOf(
      registerLeadSquaredWebhook({ orgId, createdBy: email, values: values({ description: "again", event: "6" }) }, noSleep),
    );
    expect([err.status, err.code]).toEqual([503, "leadsquared_rate_limited"]);
  });

  it("refuses before calling LeadSquared: not connected, another organisation's key, not a Leadline URL", async () => {
    const other = await setup();
    const { orgId, email, values } = await setup({ connect: false });
    expect((await errorOf(registerLeadSquaredWebhook({ orgId, createdBy: email, values: values() }))).code).toBe(
      "leadsquared_not_connected",
    );
    const mine = await setup();
    const foreignKey = mine.values({ url: `${mine.base}&x_api_key=${other.key}` });
    expect((await errorOf(registerLeadSquaredWebhook({ orgId: mine.orgId, createdBy: email, values: foreignKey }))).code).toBe(
      "invalid_api_key",
    );
    const wrongUrl = mine.values({ url: "https://leadline.example.com/elsewhere?type=leadsquared&agent_id=x" });
    expect((await errorOf(registerLeadSquaredWebhook({ orgId: mine.orgId, createdBy: email, values: wrongUrl }))).code).toBe(
      "invalid_webhook_url",
    );
    expect(lsq.requests).toEqual([]);
  });
});

describe("update and forget", () => {
  it("update posts Webhook.svc/Update with LeadSquared's id; forget only removes Leadline's row", async () => {
    const { orgId, email, values, key } = await setup();
    const created = await registerLeadSquaredWebhook({ orgId, createdBy: email, values: values() });
    lsq.requests.length = 0;
    const updated = await updateLeadSquaredWebhook({
      orgId,
      id: created.id,
      values: values({ event: "6", description: "Leadline – updates", contentType: "text/plain" }),
    });
    expect(
      lsq.requests.map((r) => [
        r.path,
        (r.body as Record<string, unknown>).WebhookId,
        (r.body as Record<string, unknown>).WebhookEvent,
        (r.body as Record<string, unknown>).ContentType,
      ]),
    ).toEqual([["/v2/Webhook.svc/Update", created.externalId, "6", "text/plain"]]);
    expect((lsq.requests[0]!.body as { CustomHeaders: unknown }).CustomHeaders).toEqual([{ Key: "X-API-KEY", Value: key }]);
    expect([updated.event, updated.description, updated.url.endsWith("events=lead_update")]).toEqual(["6", "Leadline – updates", true]);
    await forgetLeadSquaredWebhook(orgId, created.id);
    expect(await listLeadSquaredWebhooks(orgId)).toEqual([]);
    expect(lsq.webhooks.length).toBe(1);
    expect((await errorOf(forgetLeadSquaredWebhook(orgId, created.id))).status).toBe(404);
  });
});

function seedWebhook() {
  return {
    WebhookId: "7463290b-9dee-11e7-b0ab-02e89b2fb8f4",
    Description: "by hand",
    URL: "",
    Method: "POST",
    ContentType: "application/json",
    WebhookEvent: "Lead_Post_Create",
    StatusCode: 0,
    NotifyOnFailure: true,
    IsSpecificLandingPage: false,
    LandingPageUrls: [],
    WebhookProperties: null,
    CustomHeaders: [],
  };
}
