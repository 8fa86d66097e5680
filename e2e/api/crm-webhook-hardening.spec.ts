import net from "node:net";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { hubSpotSignatureV3 } from "../../lib/crm/hubspot/signature";
import { createAgent, organisationWithKey, waitForCall } from "../support/api";
import { resetDatabase } from "../support/db";
import { createFakeHubSpot, FAKE_HUBSPOT_CONTACTS, FAKE_HUBSPOT_TOKEN, type FakeHubSpot } from "../support/fakes/hubspot";
import { createFakeLeadSquared, FAKE_LSQ_ACCESS_KEY, FAKE_LSQ_SECRET_KEY, type FakeLeadSquared } from "../support/fakes/leadsquared";
import { sql } from "../support/sql";

let api: APIRequestContext;
let key: string;
let agentId: string;
let lsq: FakeLeadSquared;
let hubspot: FakeHubSpot;

const hook = (extra = "") => `/api/call/crm-webhook?agent_id=${agentId}&type=leadsquared&x_api_key=${key}${extra}`;
const lead = (id: string, extra: Record<string, unknown> = {}) => ({
  ProspectID: id,
  FirstName: "asha",
  Phone: "+91 98765 43210",
  ...extra,
});
type Result = { crmId: string | null; status: string; reason?: string; callId?: string };
const lastDelivery = async () =>
  (
    await sql<{ id: string; status: string; notes: string | null; query: Record<string, string>; body: string; error_code: string | null }>(
      "SELECT id, status, notes, query, body, error_code FROM deliveries ORDER BY created_at DESC, id DESC LIMIT 1",
    )
  )[0]!;

test.beforeAll(async ({ playwright, baseURL }) => {
  await resetDatabase();
  ({ api, key } = await organisationWithKey(playwright, baseURL!));
  agentId = (await createAgent(api)).id;
  const variables = [
    { name: "name", source: "leadsquared", field: "FirstName", format: "first_name" },
    { name: "phone", source: "leadsquared", field: "Phone", format: "phone_e164" },
    { name: "city", source: "leadsquared", field: "mx_City", default: "your city" },
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

test("one bad lead in a bulk of 100 is refused alone: the 100 good ones are stored and called", async ({ request }) => {
  const good = Array.from({ length: 100 }, (_, i) =>
    JSON.stringify(lead(`good-${i}`, { Phone: `+9198765${String(i).padStart(5, "0")}`, mx_City: "Pune" })),
  );
  const deep = `{"ProspectID":"deep","Phone":"+919876500001","x":${"[".repeat(5_000)}${"]".repeat(5_000)}}`;
  const bad = [
    // JSON.stringify writes a lone surrogate as the escape "\ud83d", as a careless CRM would.
    JSON.stringify(lead("surrogate", { FirstName: "\ud83d" })),
    '{"ProspectID":"nul","FirstName":"a\\u0000b","Phone":"+919876500002"}',
    deep,
    JSON.stringify(lead("x".repeat(5_000))),
    JSON.stringify(lead("dnc-1", { DoNotCall: "1" })),
    JSON.stringify(lead("dnc-true", { DoNotCall: true })),
    JSON.stringify(lead("dnc-yes", { DoNotCall: "Yes" })),
    JSON.stringify(lead("dnc-0", { DoNotCall: "0", Phone: "+919876500003" })),
    JSON.stringify(lead("bad-phone", { Phone: "call me maybe" })),
  ];
  const raw = `[${[...good.slice(0, 50), ...bad, ...good.slice(50)].join(",")}]`;
  const res = await request.post(hook(), { headers: { "content-type": "application/json" }, data: Buffer.from(raw) });
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { Status: string; results: Result[] };
  expect(body.Status).toBe("Error");
  const byId = new Map(body.results.map((r) => [r.crmId?.slice(0, 20), r]));
  expect(body.results.filter((r) => r.crmId?.startsWith("good-") && r.status === "accepted")).toHaveLength(100);
  // Repaired text is stored and called; limits and do-not-call refuse the lead and say why.
  expect(byId.get("surrogate")!.status).toBe("accepted");
  expect(byId.get("nul")!.status).toBe("accepted");
  expect(byId.get("dnc-0")!.status).toBe("accepted");
  expect(byId.get("deep")).toMatchObject({ status: "rejected", reason: expect.stringMatching(/nested deeper than 32 levels/) });
  expect(byId.get("x".repeat(20))).toMatchObject({
    status: "rejected",
    reason: expect.stringMatching(/ProspectID is 5000 characters long; at most 128/),
  });
  for (const id of ["dnc-1", "dnc-true", "dnc-yes"])
    expect(byId.get(id)).toMatchObject({ status: "rejected", reason: expect.stringMatching(/DoNotCall/) });
  expect(byId.get("bad-phone")).toMatchObject({ status: "rejected", reason: expect.stringMatching(/Phone/) });

  const delivery = await lastDelivery();
  expect(delivery.status).toBe("partial");
  expect(delivery.notes).toBe("1 NUL character and 1 lone UTF-16 surrogate replaced with U+FFFD before storing.");
  const stored = await sql<{ status: string; n: number }>(
    "SELECT status, count(*)::int AS n FROM delivery_leads WHERE delivery_id = $1 GROUP BY status ORDER BY status",
    [delivery.id],
  );
  expect(stored).toEqual([
    { status: "accepted", n: 103 },
    { status: "rejected", n: 6 },
  ]);
  const names = await sql<{ crm_lead_id: string; lead_name: string }>(
    "SELECT crm_lead_id, lead_name FROM call_tasks WHERE crm_lead_id IN ('surrogate', 'nul') ORDER BY crm_lead_id",
  );
  expect(names).toEqual([
    { crm_lead_id: "nul", lead_name: "A\uFFFDb" },
    { crm_lead_id: "surrogate", lead_name: "\uFFFD" },
  ]);
  await waitForCall(api, byId.get("good-99")!.callId!, (c) => c.status === "completed");
});

test("NUL in query parameters and form bodies is repaired and logged, never a 5xx", async ({ request }) => {
  const query = await request.post(hook("&entityId=abc%00def&entityType=web%00hook&eventType=Lead_Post_Create"), { data: lead("q-nul") });
  expect(query.status()).toBe(200);
  expect((await query.json()).results[0].status).toBe("accepted");
  const delivery = await lastDelivery();
  expect(delivery.query.entityId).toBe("abc\uFFFDdef");
  expect(delivery.notes).toBe("2 NUL characters replaced with U+FFFD before storing.");

  const form = await request.post(hook(), {
    headers: { "content-type": "application/x-www-form-urlencoded" },
    data: Buffer.from("&ProspectID=form%00nul&FirstName=Ravi&Phone=9876500010&Password=hunter2"),
  });
  expect(form.status()).toBe(200);
  expect((await form.json()).results[0]).toMatchObject({ crmId: "form\uFFFDnul", status: "accepted" });
  const stored = await lastDelivery();
  expect(stored.body).toBe("&ProspectID=form%00nul&FirstName=Ravi&Phone=9876500010&Password=[redacted]");

  const unknown = await request.post(`/api/call/crm-webhook?agent_id=agt%00x&type=leadsquared&x_api_key=${key}`, { data: lead("x") });
  expect(unknown.status()).toBe(404);
  expect(await lastDelivery()).toMatchObject({ status: "error", error_code: "unknown_agent", notes: expect.stringContaining("1 NUL") });
});

test("secret-looking lead fields are redacted in the call's stored lead and in the API, to members too", async ({ request }) => {
  const res = await request.post(hook(), { data: lead("secretive", { Password: "hunter2", x_api_key: "ll_leaked", mx_Token: "t0k3n" }) });
  const callId = (await res.json()).results[0].callId as string;
  const [row] = await sql<{ lead_fields: Record<string, unknown> }>("SELECT lead_fields FROM call_tasks WHERE id = $1", [callId]);
  expect(row!.lead_fields).toMatchObject({ Password: "[redacted]", x_api_key: "[redacted]", mx_Token: "[redacted]", FirstName: "asha" });
  const served = await (await api.get(`/api/v1/calls/${callId}`)).json();
  expect(JSON.stringify(served)).not.toMatch(/hunter2|ll_leaked|t0k3n/);
});

test("a repeated parameter with different values is refused and names it; the same value twice is fine", async ({ request }) => {
  const other = (await createAgent(api, { name: "Other" })).id;
  const twice = await request.post(hook(`&agent_id=${other}&num_of_retries=1&num_of_retries=2&gap_between_retries=1`), {
    data: lead("ambiguous"),
  });
  expect(twice.status()).toBe(400);
  const error = (await twice.json()).error;
  expect(error.code).toBe("ambiguous_parameter");
  expect(error.details.map((d: { field: string }) => d.field)).toEqual(["agent_id", "num_of_retries"]);
  expect(await lastDelivery()).toMatchObject({ status: "error", error_code: "ambiguous_parameter" });
  expect(await sql("SELECT 1 FROM call_tasks WHERE crm_lead_id = 'ambiguous'")).toHaveLength(0);

  const same = await request.post(hook(`&agent_id=${agentId}`), { data: lead("same-twice", { Phone: "+919876500011" }) });
  expect((await same.json()).results[0].status).toBe("accepted");
});

test("a body phone that cannot be dialled is refused at once, even when the CRM could be asked for missing fields", async ({ request }) => {
  const connect = await api.put("/api/v1/integrations/leadsquared", {
    data: { host: lsq.baseUrl, accessKey: FAKE_LSQ_ACCESS_KEY, secretKey: FAKE_LSQ_SECRET_KEY },
  });
  expect(connect.status(), await connect.text()).toBe(200);
  // mx_City is mapped but absent, which used to send the lead to LeadSquared's API and answer "1 scheduled".
  const res = await request.post(hook(), { data: { ProspectID: "unusable-phone", FirstName: "Asha", Phone: "12" } });
  const body = await res.json();
  expect(body.Status).toBe("Error");
  expect(body.results[0]).toMatchObject({ status: "rejected", reason: expect.stringMatching(/^Phone: /) });
  expect(await sql("SELECT 1 FROM call_tasks WHERE crm_lead_id = 'unusable-phone'")).toHaveLength(0);
  expect(lsq.requests.filter((r) => r.path.endsWith("Leads.GetById"))).toHaveLength(0);
  expect((await api.delete("/api/v1/integrations/leadsquared")).status()).toBe(204);
});

test("HubSpot: a signed request replayed within its window is a duplicate and places no call", async ({ request, baseURL }) => {
  const secret = "hubspot-app-client-secret-1234";
  expect((await api.put("/api/v1/integrations/hubspot", { data: { token: FAKE_HUBSPOT_TOKEN, clientSecret: secret } })).status()).toBe(200);
  const hs = await createAgent(api, { name: "HubSpot caller" });
  await api.put(`/api/v1/agents/${hs.id}/variables`, { data: { variables: [{ name: "phone", source: "hubspot", field: "phone" }] } });
  const path = `/api/call/crm-webhook?agent_id=${hs.id}&type=hubspot&x_api_key=${key}`;
  const raw = JSON.stringify([
    {
      eventId: "901",
      portalId: "48211234",
      occurredAt: Date.now(),
      subscriptionType: "contact.creation",
      objectId: FAKE_HUBSPOT_CONTACTS[0]!.id,
    },
  ]);
  const timestamp = String(Date.now());
  const signature = hubSpotSignatureV3({ clientSecret: secret, method: "POST", uri: `${baseURL}${path}`, rawBody: raw, timestamp });
  const send = () =>
    request.post(path, {
      headers: { "content-type": "application/json", "X-HubSpot-Signature-v3": signature, "X-HubSpot-Request-Timestamp": timestamp },
      data: Buffer.from(raw),
    });
  const first = await (await send()).json();
  expect(first.results[0].status).toBe("accepted");
  await waitForCall(api, first.results[0].callId, (c) => c.status === "completed");
  // The call is over, so only the replay guard stands between a replay and a second call.
  for (let i = 0; i < 3; i++) {
    const again = await send();
    expect(again.status()).toBe(200);
    expect((await again.json()).results[0]).toMatchObject({ status: "duplicate", reason: expect.stringMatching(/replay/) });
  }
  expect(await sql("SELECT 1 FROM call_tasks WHERE agent_id = $1", [hs.id])).toHaveLength(1);
  expect(await sql("SELECT status FROM deliveries WHERE agent_id = $1 ORDER BY created_at", [hs.id])).toEqual([
    { status: "accepted" },
    { status: "duplicate" },
    { status: "duplicate" },
    { status: "duplicate" },
  ]);
});

/** A raw keep-alive request with a 2 MB chunked body; resolves with what the server said and how soon it hung up. */
function chunkedUpload(port: number, path: string): Promise<{ head: string; closedAfterMs: number }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    let head = "";
    let answeredAt = 0;
    const chunk = Buffer.alloc(64 * 1024, "a");
    socket.on("connect", () => {
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
      );
      for (let i = 0; i < 32; i++)
        socket.write(Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]));
      socket.write("0\r\n\r\n");
    });
    socket.on("data", (data) => {
      head += data.toString("latin1");
      answeredAt ||= Date.now();
    });
    socket.on("error", () => {});
    socket.on("close", () =>
      answeredAt ? resolve({ head, closedAfterMs: Date.now() - answeredAt }) : reject(new Error("closed unanswered")),
    );
    setTimeout(() => socket.destroy(), 15_000);
  });
}

test("a chunked upload over 1 MB is answered 413 and the connection closed at once", async ({ baseURL }) => {
  const { head, closedAfterMs } = await chunkedUpload(Number(new URL(baseURL!).port), hook());
  expect(head).toMatch(/^HTTP\/1\.1 413/);
  expect(head.toLowerCase()).toContain("connection: close");
  expect(closedAfterMs).toBeLessThan(2_000);
  expect(await lastDelivery()).toMatchObject({
    error_code: "body_too_large",
    notes: expect.stringMatching(/over the 1024 KB limit and was not stored/),
  });
});

test("/api/inngest says Inngest is not configured instead of failing", async ({ request }) => {
  const res = await request.get("/api/inngest");
  expect(res.status()).toBe(404);
  expect((await res.json()).error.code).toBe("inngest_not_configured");
});
