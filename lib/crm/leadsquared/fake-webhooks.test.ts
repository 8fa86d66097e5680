// The LeadSquared fake posts lead events to the webhooks registered in it, as the account does; the Playwright
// journey relies on this to prove a one-click registration works.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeLeadSquared, type FakeLeadSquared } from "@/e2e/support/fakes/leadsquared";
import { createWebhookReceiver, type WebhookReceiver } from "@/e2e/support/fakes/webhook-receiver";

let lsq: FakeLeadSquared;
let receiver: WebhookReceiver;

beforeEach(async () => {
  lsq = createFakeLeadSquared();
  receiver = createWebhookReceiver();
  await Promise.all([lsq.start(), receiver.start()]);
});
afterEach(async () => {
  await Promise.all([lsq.stop(), receiver.stop()]);
});

const keys = () => `accessKey=${encodeURIComponent(lsq.accessKey)}&secretKey=${lsq.secretKey}`;
async function call(path: string, body: unknown) {
  const res = await fetch(`${lsq.baseUrl}${path}?${keys()}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return (await res.json()) as { Message?: { Id: string } };
}
const register = (event: string, contentType: string) =>
  call("/v2/Webhook.svc/Create", {
    Description: "test",
    URL: `${receiver.baseUrl}/hook?agent_id=ag_1`,
    Method: "POST",
    ContentType: contentType,
    WebhookEvent: event,
    CustomHeaders: [{ Key: "X-API-KEY", Value: "secret-key-1" }],
  });
const createLead = () =>
  call("/v2/LeadManagement.svc/Lead.Create", [
    { Attribute: "FirstName", Value: "Asha" },
    { Attribute: "Phone", Value: "+919876500001" },
  ]);

describe("the fake LeadSquared's registered webhooks", () => {
  it("posts a created lead to each Lead create webhook with its content type, custom headers and the event in the URL", async () => {
    const json = (await register("3", "application/json")).Message!.Id;
    const form = (await register("3", "application/x-www-form-urlencoded")).Message!.Id;
    await register("6", "application/json"); // Lead update: not fired by a create
    const leadId = (await createLead()).Message!.Id;
    await lsq.webhooksSettled();

    expect(receiver.posts).toHaveLength(2);
    expect(lsq.webhookDeliveries.map((d) => [d.webhookId, d.status]).sort()).toEqual(
      [
        [form, 200],
        [json, 200],
      ].sort(),
    );
    for (const post of receiver.posts) expect(post.headers["x-api-key"]).toBe("secret-key-1");
    const byType = Object.fromEntries(receiver.posts.map((p) => [p.headers["content-type"], p]));
    const lead = lsq.leads.get(leadId)!;
    expect(JSON.parse(byType["application/json"]!.body)).toEqual(lead);
    expect(Object.fromEntries(new URLSearchParams(byType["application/x-www-form-urlencoded"]!.body))).toMatchObject({
      ProspectID: leadId,
      FirstName: "Asha",
      Phone: "+919876500001",
    });
    const url = new URL(lsq.webhookDeliveries.find((d) => d.webhookId === json)!.url);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      agent_id: "ag_1",
      entityType: "webhook",
      entityId: json,
      eventType: "Lead_Post_Create",
    });
  });

  it("records a URL that does not answer instead of failing the lead's creation", async () => {
    await register("3", "application/json");
    await receiver.stop();
    expect((await createLead()).Message!.Id).toMatch(/^[0-9a-f-]{36}$/);
    await lsq.webhooksSettled();
    expect(lsq.webhookDeliveries).toEqual([expect.objectContaining({ status: null, error: expect.any(String) })]);
    await receiver.start();
  });
});
