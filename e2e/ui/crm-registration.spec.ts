import { expect, test, type APIRequestContext } from "@playwright/test";
import { signInPage } from "../support/accounts";
import { connectLeadSquared, createAgent, organisationWithKey } from "../support/api";
import { resetDatabase } from "../support/db";
import { createFakeLeadSquared, FAKE_LSQ_SECRET_KEY, type FakeLeadSquared } from "../support/fakes/leadsquared";

let lsq: FakeLeadSquared;
let admin: APIRequestContext;
let email: string;
let agentId: string;
const CREATE = "/v2/Webhook.svc/Create";

test.beforeAll(async ({ playwright, baseURL }) => {
  await resetDatabase();
  lsq = createFakeLeadSquared();
  await lsq.start();
  const org = await organisationWithKey(playwright, baseURL!);
  ({ admin } = org);
  email = org.account.email;
  agentId = (await createAgent(org.api)).id;
  await connectLeadSquared(admin, lsq);
});
test.afterAll(() => lsq.stop());

test("Create in LeadSquared: one click registers the builder's URL with the key in X-API-KEY, shows it, refuses a repeat, points to the keys on a 401, and updates", async ({
  page,
}) => {
  await signInPage(page, email);
  await page.goto(`/agents/${agentId}?tab=webhook`);
  await page.getByRole("button", { name: "Create a key for this webhook" }).click();
  const shown = (await page.getByTestId("webhook-url").textContent())!;
  const key = new URL(shown).searchParams.get("x_api_key")!;
  const registered = `${new URL(shown).origin}/api/call/crm-webhook?agent_id=${agentId}&type=leadsquared&events=lead_create`;

  await page.getByRole("button", { name: "Create in LeadSquared" }).click();
  // Only the chosen event's properties are asked for.
  await page.getByLabel("Event", { exact: true }).selectOption({ label: "Opportunity stage update" });
  await expect(page.getByLabel("Status from")).toBeVisible();
  await page.getByLabel("Event", { exact: true }).selectOption({ label: "Lead create" });
  await expect(page.getByLabel("Status from")).toBeHidden();
  await expect(page.getByLabel("Event", { exact: true }).locator("option")).toHaveCount(18);
  await page.getByRole("button", { name: "Add a header" }).click();
  await page.getByLabel("Header 1 name").fill("X-Source");
  await page.getByLabel("Header 1 value").fill("lsq-prod");
  const before = lsq.requests.length;
  await page.getByRole("button", { name: "Create in LeadSquared" }).click();
  const created = page.getByRole("status").filter({ hasText: "Created in LeadSquared" });
  await expect(created).toBeVisible();
  await expect(created).toHaveText(`Created in LeadSquared (webhook id ${lsq.webhooks[0]!.WebhookId}).`);
  const sent = lsq.requests.slice(before);
  expect(sent.map((r) => [r.path, (r.body as { Parameter?: { StatusCode: number } }).Parameter?.StatusCode ?? null])).toEqual([
    ["/v2/Webhook.svc/Retrieve", 0],
    ["/v2/Webhook.svc/Retrieve", 1],
    ["/v2/Webhook.svc/Retrieve", 2],
    [CREATE, null],
  ]);
  expect(sent[3]!.body).toEqual({
    Description: "Leadline – new leads",
    URL: registered,
    Method: "POST",
    ContentType: "application/json",
    WebhookEvent: "3",
    IsSpecificLandingPage: false,
    NotifyOnFailure: true,
    WebhookProperties: null,
    CustomHeaders: [
      { Key: "X-API-KEY", Value: key },
      { Key: "X-Source", Value: "lsq-prod" },
    ],
  });
  const list = page.getByRole("list", { name: "Webhooks registered in LeadSquared" });
  await expect(list.getByRole("listitem")).toHaveCount(1);
  await expect(list).toContainText(`Lead create · Leadline – new leads · LeadSquared id ${lsq.webhooks[0]!.WebhookId}`);
  await expect(list).toContainText(registered);
  await expect(list).not.toContainText(key);
  await expect(page.getByText("LeadSquared's API cannot delete or disable a webhook.")).toBeVisible();

  // The same URL again: LeadSquared already has it, and nothing is created.
  await page.getByRole("button", { name: "Create in LeadSquared" }).click();
  await page.getByRole("button", { name: "Create in LeadSquared" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "already has a webhook" })).toHaveText(
    `LeadSquared already has a webhook for this URL (id ${lsq.webhooks[0]!.WebhookId}, enabled).`,
  );
  expect(lsq.requests.filter((r) => r.path === CREATE)).toHaveLength(1);

  // Keys LeadSquared no longer accepts: said above the form, with the way to the integration.
  lsq.rotateKeys({ secretKey: "rotated-secret-key-000000" });
  await page.getByLabel("Event", { exact: true }).selectOption({ label: "Lead update" });
  await page.getByRole("button", { name: "Create in LeadSquared" }).click();
  const keys = page.getByRole("alert").filter({ hasText: "did not accept" });
  await expect(keys).toContainText("Update the keys under Integrations → LeadSquared.");
  await expect(keys.getByRole("link", { name: "Open the LeadSquared integration" })).toHaveAttribute("href", "/integrations/leadsquared");
  lsq.rotateKeys({ secretKey: FAKE_LSQ_SECRET_KEY });

  // Update replaces the settings in LeadSquared (Webhook.svc/Update with its id).
  await page.getByRole("button", { name: "Cancel" }).click();
  await list.getByRole("button", { name: "Update" }).click();
  await page.getByLabel("Description").fill("Leadline – new leads (Pune)");
  await page.getByLabel("Content type").selectOption("text/plain");
  await page.getByRole("button", { name: "Update in LeadSquared" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Updated in LeadSquared" })).toBeVisible();
  const update = lsq.requests.at(-1)!;
  expect([update.path, (update.body as Record<string, unknown>).WebhookId, (update.body as Record<string, unknown>).ContentType]).toEqual([
    "/v2/Webhook.svc/Update",
    lsq.webhooks[0]!.WebhookId,
    "text/plain",
  ]);
  await expect(list).toContainText("Leadline – new leads (Pune)");
  await page.screenshot({ path: "test-results/screens/crm-registration-leadsquared.png", fullPage: true });
});

test("HubSpot: the private-app steps with the URL to paste, then waiting for the first event until one arrives", async ({
  page,
  request,
}) => {
  await signInPage(page, email);
  await page.goto(`/agents/${agentId}?tab=webhook`);
  await page.getByRole("radio", { name: "HubSpot" }).check();
  await page.getByRole("button", { name: "Create a key for this webhook" }).click();
  const url = (await page.getByTestId("webhook-url").textContent())!;
  await expect(page.getByTestId("hubspot-target-url")).toHaveText(url);
  await expect(page.getByText("HubSpot private apps cannot subscribe to webhooks through HubSpot's API")).toBeVisible();
  await expect(page.getByText("Developer → Legacy Apps", { exact: true })).toBeVisible();
  const status = page.getByTestId("hubspot-delivery-status");
  await expect(status).toHaveText(/^Waiting for the first event…/);

  const path = url.slice(new URL(url).origin.length);
  const event = [
    {
      eventId: 7,
      subscriptionId: 1,
      portalId: 48211234,
      occurredAt: Date.now(),
      subscriptionType: "contact.creation",
      attemptNumber: 0,
      objectId: 90512345678,
      changeSource: "CRM",
      changeFlag: "NEW",
    },
  ];
  expect((await request.post(path, { data: event })).status()).toBe(200);
  await expect(status).toHaveText(/^HubSpot is posting: the last event for this agent arrived .+ \(\w+\)\.$/, { timeout: 10_000 });
});
