import { expect, test, type APIRequestContext, type PlaywrightWorkerArgs } from "@playwright/test";
import pg from "pg";
import { hubSpotSignatureV3 } from "../../lib/crm/hubspot/signature";
import { createOrganisationWithCli, sameOrigin, signInRequest } from "../support/accounts";
import { createAgent, organisationWithKey, waitForCall } from "../support/api";
import { resetDatabase } from "../support/db";
import { createFakeHubSpot, FAKE_HUBSPOT_CONTACTS, FAKE_HUBSPOT_TOKEN, type FakeHubSpot } from "../support/fakes/hubspot";
import {
  createFakeLeadSquared,
  FAKE_LSQ_ACCESS_KEY,
  FAKE_LSQ_LEADS,
  FAKE_LSQ_SECRET_KEY,
  type FakeLeadSquared,
} from "../support/fakes/leadsquared";

let api: APIRequestContext;
let key: string;
let agentId: string;
let lsq: FakeLeadSquared;
let hubspot: FakeHubSpot;
const CLIENT_SECRET = "hubspot-app-client-secret-1234";

async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

const hook = (params: Record<string, string> = {}) =>
  `/api/call/crm-webhook?${new URLSearchParams({ agent_id: agentId, type: "leadsquared", x_api_key: key, ...params })}`;
const lead = (id: string, extra: Record<string, unknown> = {}) => ({
  ProspectID: id,
  FirstName: "asha",
  Phone: "+91-9876541234",
  mx_Product_Interest: "2BHK",
  ...extra,
});

test.beforeAll(async ({ playwright, baseURL }) => {
  await resetDatabase();
  ({ api, key } = await organisationWithKey(playwright, baseURL!));
  agentId = (await createAgent(api)).id;
  const variables = [
    { name: "name", source: "leadsquared", field: "FirstName", format: "first_name" },
    { name: "phone", source: "leadsquared", field: "Phone", format: "phone_e164" },
    { name: "product_interest", source: "leadsquared", field: "mx_Product_Interest", default: "a home" },
  ];
  expect((await api.put(`/api/v1/agents/${agentId}/variables`, { data: { variables } })).status()).toBe(200);
  lsq = createFakeLeadSquared();
  await lsq.start();
  hubspot = createFakeHubSpot();
  await hubspot.start(Number(process.env.E2E_HUBSPOT_PORT));
});
test.afterAll(async () => {
  await lsq.stop();
  await hubspot.stop();
});

test("a LeadSquared lead in JSON is stored, mapped and called, and the key never reaches the log", async ({ request }) => {
  const res = await request.post(hook({ num_of_retries: "1", gap_between_retries: "1" }), {
    data: lead("lsq-1"),
    headers: { "accept-encoding": "gzip, br" },
  });
  expect(res.status()).toBe(200);
  // A few hundred bytes go out as they are: compressing them cost the server more than it saved.
  expect(res.headers()["content-encoding"]).toBeUndefined();
  expect(res.headers()["cache-control"]).toBe("no-store, no-transform");
  const body = await res.json();
  expect(body.Status).toBe("Success");
  const callId = body.results[0].callId;
  expect(body.results[0]).toMatchObject({ crmId: "lsq-1", status: "accepted" });

  const call = await waitForCall(api, callId, (c) => c.status === "completed");
  expect(call.attempts[0]!.outcome).toBe("completed");
  const [row] = await sql<{ variables: Record<string, string>; max_attempts: number }>(
    "SELECT variables, max_attempts FROM call_tasks WHERE id = $1",
    [callId],
  );
  expect(row!.variables).toEqual({ name: "Asha", phone: "+919876541234", product_interest: "2BHK" });
  expect(row!.max_attempts).toBe(2);

  const deliveries = await sql<{ status: string; query: Record<string, string>; body: string; content_type: string }>(
    "SELECT status, query, body, content_type FROM deliveries",
  );
  expect(deliveries).toHaveLength(1);
  expect(deliveries[0]!.status).toBe("accepted");
  expect(JSON.stringify(deliveries)).not.toContain(key);
  expect(deliveries[0]!.query.x_api_key).toBe("[redacted]");
});

test("form-encoded and text/plain bodies work too, with LeadSquared's appended URL parameters", async ({ request }) => {
  const form = await request.post(hook({ entityType: "Lead", eventType: "Lead_Post_Create" }), {
    form: { ProspectID: "lsq-form", FirstName: "Ravi", Phone: "9876541235", mx_Product_Interest: "Villa" },
  });
  expect((await form.json()).Status).toBe("Success");
  const text = await request.post(hook(), {
    headers: { "content-type": "text/plain" },
    data: Buffer.from(JSON.stringify(lead("lsq-text", { Phone: "09876541236" }))),
  });
  expect((await text.json()).Status).toBe("Success");
  const rows = await sql<{ crm_lead_id: string; phone: string }>(
    "SELECT crm_lead_id, phone FROM call_tasks WHERE crm_lead_id IN ('lsq-form', 'lsq-text') ORDER BY crm_lead_id",
  );
  expect(rows).toEqual([
    { crm_lead_id: "lsq-form", phone: "+919876541235" },
    { crm_lead_id: "lsq-text", phone: "+919876541236" },
  ]);
});

test("a bulk body answers 200 with Status Error for a lead without a usable phone, and still calls the others", async ({ request }) => {
  const res = await request.post(hook(), { data: [lead("bulk-ok", { Phone: "+91 98765 41237" }), lead("bulk-bad", { Phone: "" })] });
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.Status).toBe("Error");
  expect(body.results.map((r: { crmId: string; status: string }) => [r.crmId, r.status])).toEqual([
    ["bulk-ok", "accepted"],
    ["bulk-bad", "rejected"],
  ]);
  expect(body.results[1].reason).toMatch(/Phone/);
  const [delivery] = await sql<{ status: string; accepted: number; rejected: number }>(
    "SELECT status, accepted, rejected FROM deliveries ORDER BY created_at DESC LIMIT 1",
  );
  expect(delivery).toEqual({ status: "partial", accepted: 1, rejected: 1 });
  expect(await sql("SELECT 1 FROM call_tasks WHERE crm_lead_id = 'bulk-bad'")).toHaveLength(0);
});

test("a duplicate storm (LeadSquared's retries, sent at once) yields exactly one call", async ({ request }) => {
  const responses = await Promise.all(
    Array.from({ length: 6 }, () =>
      request.post(hook({ eventType: "Lead_Post_Create" }), { data: lead("storm-1", { Phone: "+919876541238" }) }),
    ),
  );
  const statuses = await Promise.all(responses.map(async (r) => [r.status(), (await r.json()).results[0].status]));
  expect(statuses.filter(([, s]) => s === "accepted")).toHaveLength(1);
  expect(statuses.filter(([code, s]) => code === 200 && s === "duplicate")).toHaveLength(5);
  expect(await sql("SELECT 1 FROM call_tasks WHERE crm_lead_id = 'storm-1'")).toHaveLength(1);
});

test("an agent's schedule defaults fill what the URL leaves out, and a change to them reaches the next delivery", async ({ request }) => {
  const agent = await createAgent(api, { name: "Defaults", scheduleDefaults: { num_of_retries: "2", gap_between_retries: "1,3" } });
  expect(
    (
      await api.put(`/api/v1/agents/${agent.id}/variables`, {
        data: { variables: [{ name: "phone", source: "leadsquared", field: "Phone" }] },
      })
    ).status(),
  ).toBe(200);
  const maxAttempts = async (id: string, params: Record<string, string> = {}) => {
    const res = await request.post(hook({ agent_id: agent.id, ...params }), { data: lead(id) });
    expect(res.status()).toBe(200);
    return (
      await sql<{ max_attempts: number }>("SELECT max_attempts FROM call_tasks WHERE id = $1", [(await res.json()).results[0].callId])
    )[0]!.max_attempts;
  };
  expect(await maxAttempts("defaults-1")).toBe(3);
  expect(await maxAttempts("defaults-2")).toBe(3);
  // The URL sets the retry pair, so the agent's pair is not used at all.
  expect(await maxAttempts("defaults-3", { num_of_retries: "0" })).toBe(1);
  const patched = await api.patch(`/api/v1/agents/${agent.id}`, {
    data: { scheduleDefaults: { num_of_retries: "1", gap_between_retries: "2" } },
  });
  expect(patched.status(), await patched.text()).toBe(200);
  expect(await maxAttempts("defaults-4")).toBe(2);
});

/** A second organisation, made with the admin command line, and an API key of its own. */
async function organisationKeyElsewhere(playwright: PlaywrightWorkerArgs["playwright"], baseURL: string): Promise<string> {
  const org = await createOrganisationWithCli("Globex", `bo-${Date.now()}@globex.test`);
  const admin = await playwright.request.newContext({ baseURL, extraHTTPHeaders: sameOrigin(baseURL) });
  await signInRequest(admin, org.email);
  return (await (await admin.post("/api/v1/api-keys", { data: { name: "globex" } })).json()).key;
}

test("configuration errors answer 4xx with what to fix, and are logged under the organisation", async ({
  request,
  playwright,
  baseURL,
}) => {
  const wrongKey = await request.post(hook({ x_api_key: "ll_aaaaaaaaaaaa_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" }), { data: lead("x") });
  expect(wrongKey.status()).toBe(401);
  expect(await wrongKey.json()).toMatchObject({ Status: "Error", error: { code: "invalid_api_key" } });

  const headerKey = await request.post(`/api/call/crm-webhook?agent_id=${agentId}&type=leadsquared`, {
    headers: { "x-api-key": key },
    data: lead("hdr-1", { Phone: "+919876541239" }),
  });
  expect((await headerKey.json()).Status).toBe("Success");

  const unknownAgent = await request.post(hook({ agent_id: "agt_doesnotexist" }), { data: lead("x") });
  expect(unknownAgent.status()).toBe(404);

  const params = await request.post(
    hook({ min_trigger_time: "9am", max_trigger_time: "18:00", carry_over: "yes", num_of_retries: "3", gap_between_retries: "2,4" }),
    { data: lead("x") },
  );
  expect(params.status()).toBe(400);
  const details = (await params.json()).error.details.map((d: { field: string }) => d.field);
  expect(details).toEqual(["min_trigger_time", "carry_over", "gap_between_retries"]);

  const noType = await request.post(hook({ type: "salesforce" }), { data: lead("x") });
  expect(noType.status()).toBe(400);
  const xml = await request.post(hook(), { headers: { "content-type": "application/xml" }, data: Buffer.from("<lead/>") });
  expect(xml.status()).toBe(415);
  const broken = await request.post(hook(), { headers: { "content-type": "application/json" }, data: Buffer.from('{"ProspectID":') });
  expect(broken.status()).toBe(400);
  const huge = await request.post(hook(), { headers: { "content-type": "application/json" }, data: Buffer.alloc(1024 * 1024 + 10, "a") });
  expect(huge.status()).toBe(413);

  const errors = await sql<{ error_code: string; http_status: number }>(
    "SELECT error_code, http_status FROM deliveries WHERE status = 'error' ORDER BY created_at",
  );
  expect(errors.map((e) => [e.http_status, e.error_code])).toEqual([
    [404, "unknown_agent"],
    [400, "invalid_parameter"],
    [400, "invalid_type"],
    [415, "unsupported_media_type"],
    [400, "invalid_body"],
    [413, "body_too_large"],
  ]);

  // LeadSquared's HEAD handshake, and CallKaro's path for URLs written for it.
  expect((await request.head(hook())).status()).toBe(200);
  const alias = await request.post(hook().replace("/api/call", "/call"), { data: lead("alias-1", { Phone: "+919876541240" }) });
  expect((await alias.json()).Status).toBe("Success");

  // Another organisation's key gets the same 404 for this agent as for one that does not exist.
  const other = await organisationKeyElsewhere(playwright, baseURL!);
  const foreign = await request.post(hook({ x_api_key: other }), { data: lead("x") });
  expect(foreign.status()).toBe(404);
  expect((await foreign.json()).error.code).toBe("unknown_agent");
});

test("a lead missing a mapped field is read from LeadSquared's API before it is called", async ({ request }) => {
  const connect = await api.put("/api/v1/integrations/leadsquared", {
    data: { host: lsq.baseUrl, accessKey: FAKE_LSQ_ACCESS_KEY, secretKey: FAKE_LSQ_SECRET_KEY },
  });
  expect(connect.status(), await connect.text()).toBe(200);
  expect(JSON.stringify(await connect.json())).not.toContain(FAKE_LSQ_SECRET_KEY);
  const known = FAKE_LSQ_LEADS[0]!;
  const res = await request.post(hook(), { data: { ProspectID: known.ProspectID, FirstName: "Asha" } });
  const callId = (await res.json()).results[0].callId;
  const call = await waitForCall(api, callId, (c) => c.status === "completed");
  expect(call.attempts).toHaveLength(1);
  const [row] = await sql<{ variables: Record<string, string> }>("SELECT variables FROM call_tasks WHERE id = $1", [callId]);
  expect(row!.variables).toEqual({ name: "Asha", phone: "+919876543210", product_interest: "2BHK apartment" });
  expect(lsq.requests.filter((r) => r.path.endsWith("Leads.GetById"))).toHaveLength(1);
});

test("HubSpot: signed batches are read in one batch call; forged signatures are refused", async ({ request }) => {
  const connect = await api.put("/api/v1/integrations/hubspot", { data: { token: FAKE_HUBSPOT_TOKEN, clientSecret: CLIENT_SECRET } });
  expect(connect.status(), await connect.text()).toBe(200);
  const hsAgent = await createAgent(api, { name: "HubSpot caller" });
  await api.put(`/api/v1/agents/${hsAgent.id}/variables`, {
    data: {
      variables: [
        { name: "name", source: "hubspot", field: "firstname" },
        { name: "phone", source: "hubspot", field: "phone" },
      ],
    },
  });
  const events = [
    ...FAKE_HUBSPOT_CONTACTS.map((c, i) => ({
      eventId: String(100 + i),
      subscriptionId: "7",
      portalId: "48211234",
      occurredAt: String(Date.now()),
      subscriptionType: "contact.creation",
      attemptNumber: 0,
      objectId: c.id,
      changeSource: "CRM_UI",
    })),
    {
      eventId: "200",
      subscriptionId: "8",
      portalId: "48211234",
      occurredAt: String(Date.now()),
      subscriptionType: "contact.propertyChange",
      attemptNumber: 0,
      objectId: "90512345678",
      propertyName: "city",
      propertyValue: "Mumbai",
    },
  ];
  const path = `/api/call/crm-webhook?${new URLSearchParams({ agent_id: hsAgent.id, type: "hubspot", x_api_key: key })}`;
  const raw = JSON.stringify(events);
  const timestamp = String(Date.now());
  const signature = hubSpotSignatureV3({
    clientSecret: CLIENT_SECRET,
    method: "POST",
    uri: `${test.info().project.use.baseURL}${path}`,
    rawBody: raw,
    timestamp,
  });
  const headers = { "content-type": "application/json", "X-HubSpot-Signature-v3": signature, "X-HubSpot-Request-Timestamp": timestamp };

  const forged = await request.post(path, {
    headers: { ...headers, "X-HubSpot-Signature-v3": signature.replace(/^./, (c) => (c === "A" ? "B" : "A")) },
    data: Buffer.from(raw),
  });
  expect(forged.status()).toBe(401);

  const res = await request.post(path, { headers, data: Buffer.from(raw) });
  expect(res.status()).toBe(200);
  const body = await res.json();
  const statuses = body.results.map((r: { status: string }) => r.status);
  expect(statuses).toEqual(["accepted", "accepted", "ignored"]);

  // HubSpot retries the same delivery while the calls are open: nothing new is scheduled.
  const again = await request.post(path, { headers, data: Buffer.from(raw) });
  expect((await again.json()).results.map((r: { status: string }) => r.status)).toEqual(["duplicate", "duplicate", "ignored"]);

  const ids = body.results.slice(0, 2).map((r: { callId: string }) => r.callId);
  const calls = await Promise.all(ids.map((id: string) => waitForCall(api, id, (c) => c.status === "completed")));
  const phones = await sql<{ phone: string }>("SELECT phone FROM call_tasks WHERE id = ANY($1) ORDER BY phone", [ids]);
  expect(phones.map((p) => p.phone)).toEqual(["+919876543210", "+919901111111"]);
  expect(calls.every((c) => c.attempts.length === 1)).toBe(true);
  expect(hubspot.requests.filter((r) => r.path.includes("/batch/read"))).toHaveLength(1);
});

test("a rejected delivery is replayed after the admin fixes the mapping, and the log lists both", async ({ request }) => {
  // Without a connected LeadSquared, a lead lacking its phone field is refused at once (no API to ask).
  expect((await api.delete("/api/v1/integrations/leadsquared")).status()).toBe(204);
  const agent = await createAgent(api, { name: "Replay caller" });
  await api.put(`/api/v1/agents/${agent.id}/variables`, {
    data: { variables: [{ name: "phone", source: "leadsquared", field: "Phone" }] },
  });
  const url = `/api/call/crm-webhook?${new URLSearchParams({ agent_id: agent.id, type: "leadsquared", x_api_key: key })}`;
  const first = await request.post(url, { data: { ProspectID: "replay-1", Mobile: "+919876541241" } });
  expect(await first.json()).toMatchObject({ Status: "Error", results: [{ status: "rejected" }] });

  const list = await (await api.get(`/api/v1/deliveries?agent_id=${agent.id}&status=rejected`)).json();
  expect(list.deliveries).toHaveLength(1);
  const rejectedId = list.deliveries[0].id;
  expect(list.deliveries[0]).not.toHaveProperty("body");
  const detail = (await (await api.get(`/api/v1/deliveries/${rejectedId}`)).json()).delivery;
  expect(detail.leads[0]).toMatchObject({ crmLeadId: "replay-1", status: "rejected" });
  expect(detail.leads[0].reason).toMatch(/Phone/);
  expect(detail.body).toContain("replay-1");

  await api.put(`/api/v1/agents/${agent.id}/variables`, {
    data: { variables: [{ name: "phone", source: "leadsquared", field: "Mobile" }] },
  });
  const replay = await api.post(`/api/v1/deliveries/${rejectedId}/replay`);
  expect(replay.status()).toBe(200);
  const replayed = await replay.json();
  expect(replayed.leads).toMatchObject([{ crmId: "replay-1", status: "accepted" }]);
  await waitForCall(api, replayed.leads[0].callId, (c) => c.status === "completed");
  const all = await (await api.get(`/api/v1/deliveries?agent_id=${agent.id}`)).json();
  expect(all.deliveries.map((d: { status: string }) => d.status)).toEqual(["accepted", "rejected"]);
});

test("connecting a CRM checks the credentials first and stores nothing when they fail", async () => {
  const wrongKey = await api.put("/api/v1/integrations/leadsquared", {
    data: { host: lsq.baseUrl, accessKey: FAKE_LSQ_ACCESS_KEY, secretKey: "not-the-secret-key" },
  });
  expect(wrongKey.status()).toBe(400);
  expect((await wrongKey.json()).error).toMatchObject({ code: "crm_unauthorized", details: [{ field: "accessKey" }] });
  const elsewhere = await api.put("/api/v1/integrations/leadsquared", {
    data: { host: "https://169.254.169.254", accessKey: FAKE_LSQ_ACCESS_KEY, secretKey: FAKE_LSQ_SECRET_KEY },
  });
  expect(elsewhere.status()).toBe(400);
  expect((await elsewhere.json()).error.code).toBe("invalid_host");

  hubspot.setScopes(["crm.objects.contacts.read"]);
  const scopes = await api.put("/api/v1/integrations/hubspot", { data: { token: FAKE_HUBSPOT_TOKEN } });
  hubspot.setScopes(["crm.objects.contacts.read", "crm.schemas.contacts.read"]);
  expect(scopes.status()).toBe(400);
  expect((await scopes.json()).error.message).toContain("crm.schemas.contacts.read");

  const list = await (await api.get("/api/v1/integrations")).json();
  expect(list.integrations.map((i: { crm: string }) => i.crm)).not.toContain("leadsquared");
  expect(JSON.stringify(list)).not.toContain(FAKE_HUBSPOT_TOKEN);
});
