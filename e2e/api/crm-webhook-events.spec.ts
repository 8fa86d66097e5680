import { expect, test, type APIRequestContext } from "@playwright/test";
import { createAgent, organisationWithKey } from "../support/api";
import { resetDatabase } from "../support/db";

let api: APIRequestContext;
let key: string;
let agentId: string;

const hook = (params: Record<string, string>) =>
  `/api/call/crm-webhook?${new URLSearchParams({ agent_id: agentId, type: "leadsquared", x_api_key: key, entityType: "webhook", entityId: "7463290b", ...params })}`;
const lead = (id: string) => ({ ProspectID: id, FirstName: "Asha", Phone: "+91-9876541234" });

test.beforeAll(async ({ playwright, baseURL }) => {
  await resetDatabase();
  ({ api, key } = await organisationWithKey(playwright, baseURL!));
  agentId = (await createAgent(api)).id;
  const variables = [
    { name: "name", source: "leadsquared", field: "FirstName" },
    { name: "phone", source: "leadsquared", field: "Phone", format: "phone_e164" },
  ];
  expect((await api.put(`/api/v1/agents/${agentId}/variables`, { data: { variables } })).status()).toBe(200);
});

test("without events=, only Lead create calls: a Lead update is answered 200 ignored and logged with the reason", async ({ request }) => {
  const res = await request.post(hook({ eventType: "Lead_Post_Update" }), { data: lead("upd-1") });
  expect(res.status()).toBe(200);
  const reason =
    "Ignored: “Lead update” (Lead_Post_Update) does not place calls on this URL, which calls on Lead create. Add lead_update to events= in the webhook URL to call on it.";
  const body = await res.json();
  expect(body).toMatchObject({ Status: "Success", StatusReason: reason, results: [{ crmId: "upd-1", status: "ignored", reason }] });

  const delivery = await api.get(`/api/v1/deliveries/${body.deliveryId}`);
  const logged = (await delivery.json()).delivery;
  expect([logged.status, logged.eventType, logged.leads.map((l: { status: string; reason: string }) => [l.status, l.reason])]).toEqual([
    "ignored",
    "Lead_Post_Update",
    [["ignored", reason]],
  ]);
  expect((await (await api.get("/api/v1/calls?q=upd-1")).json()).calls).toEqual([]);
});

test("events=lead_create,lead_update: a Lead create and then a Lead update of one lead make one open call", async ({ request }) => {
  const events = "lead_create,lead_update";
  const created = await (await request.post(hook({ events, eventType: "Lead_Post_Create" }), { data: lead("both-1") })).json();
  const updated = await (await request.post(hook({ events, eventType: "Lead_Post_Update" }), { data: lead("both-1") })).json();
  expect(created.results[0]).toMatchObject({ crmId: "both-1", status: "accepted" });
  expect(updated).toMatchObject({ Status: "Success", StatusReason: "Already received; no new call", results: [{ status: "duplicate" }] });
  const calls = (await (await api.get("/api/v1/calls?q=both-1")).json()).calls as { id: string }[];
  expect(calls.map((c) => c.id)).toEqual([created.results[0].callId]);
});

test("an unknown event in events= is refused 400 naming the parameter, in LeadSquared's Status too", async ({ request }) => {
  const res = await request.post(hook({ events: "lead_create,lead_deleted", eventType: "Lead_Post_Create" }), { data: lead("bad-1") });
  expect(res.status()).toBe(400);
  const message = 'events: "lead_deleted" is not a LeadSquared event; use names such as lead_create or lead_update.';
  expect(await res.json()).toEqual({
    Status: "Error",
    StatusReason: message,
    error: { code: "invalid_parameter", message, details: [{ field: "events", message }] },
  });
});
