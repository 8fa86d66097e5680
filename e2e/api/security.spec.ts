import { expect, test, type APIRequestContext } from "@playwright/test";
import pg from "pg";
import { PASSWORD, sameOrigin, signInRequest } from "../support/accounts";
import { createAgent, organisationWithKey } from "../support/api";
import { resetDatabase } from "../support/db";

let api: APIRequestContext;
let admin: APIRequestContext;
let adminEmail: string;

async function forgetAuthFailures() {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await client.query("DELETE FROM auth_failures").finally(() => client.end());
}

test.beforeAll(async ({ playwright, baseURL }) => {
  await resetDatabase();
  ({
    api,
    admin,
    account: { email: adminEmail },
  } = await organisationWithKey(playwright, baseURL!));
});
test.afterEach(forgetAuthFailures);

const keyNames = async () =>
  ((await (await admin.get("/api/v1/api-keys")).json()).apiKeys as Array<{ name: string }>).map((k) => k.name).sort();

test("a signed-in session changes nothing unless the request comes from Leadline's own origin", async ({ playwright, baseURL }) => {
  const session = await playwright.request.newContext({ baseURL });
  await signInRequest(session, adminEmail);
  const otherPort = `http://127.0.0.1:${Number(new URL(baseURL!).port) + 1}`;
  const refusals: Array<[string, Record<string, string>]> = [
    ["no Origin and no Sec-Fetch-Site", {}],
    ["another port of the same host", { Origin: otherPort }],
    ["another site", { Origin: "https://evil.example" }],
    ["a same-site page without Origin", { "Sec-Fetch-Site": "same-site" }],
  ];
  for (const [what, headers] of refusals) {
    const res = await session.post("/api/v1/api-keys", { headers, data: { name: `from ${what}` } });
    expect(res.status(), what).toBe(403);
    expect((await res.json()).error.code, what).toBe("cross_site_request");
    // Body-less changes are checked too: this cancel would otherwise answer 404.
    expect((await session.post("/api/v1/calls/call_nothere/cancel", { headers })).status(), what).toBe(403);
  }
  expect(await keyNames()).toEqual(["tests"]);

  const ok = await session.post("/api/v1/api-keys", { headers: sameOrigin(baseURL!), data: { name: "same origin" } });
  expect(ok.status()).toBe(201);
  const fetchMetadata = await session.post("/api/v1/api-keys", {
    headers: { "Sec-Fetch-Site": "same-origin" },
    data: { name: "fetch metadata" },
  });
  expect(fetchMetadata.status()).toBe(201);

  // JSON disguised as text/plain (no CORS preflight) is refused even from the right origin.
  const disguised = await session.post("/api/v1/api-keys", {
    headers: { ...sameOrigin(baseURL!), "Content-Type": "text/plain; x=application/json" },
    data: Buffer.from(JSON.stringify({ name: "disguised" })),
  });
  expect(disguised.status()).toBe(415);
  expect(await keyNames()).toEqual(["fetch metadata", "same origin", "tests"]);
});

test("API-key callers are unaffected by Origin", async () => {
  const agent = await api.post("/api/v1/agents", { headers: { Origin: "https://crm.example" }, data: { name: "From a CRM script" } });
  expect(agent.status()).toBe(201);
  const bare = await api.post("/api/v1/agents", { data: { name: "No Origin" } });
  expect(bare.status()).toBe(201);
});

test("set-up refuses another origin, and once done answers every email alike", async ({ request, baseURL }) => {
  const setup = (email: string, headers: Record<string, string> = {}) =>
    request.post("/api/setup", {
      headers,
      data: { organizationName: "Other", timezone: "UTC", countryCode: "+1", name: "X", email, password: PASSWORD },
    });
  const crossSite = await setup("x@x.test", { Origin: "https://evil.example" });
  expect(crossSite.status()).toBe(403);
  const known = await setup(adminEmail, sameOrigin(baseURL!));
  const unknown = await setup("nobody@x.test", sameOrigin(baseURL!));
  expect([known.status(), unknown.status()]).toEqual([409, 409]);
  expect(await known.json()).toEqual(await unknown.json());
});

test("every answer carries the security headers; HSTS only over https", async ({ request }) => {
  for (const path of ["/login", "/api/health", "/api/v1/me", "/api/call/crm-webhook?type=leadsquared"]) {
    const res = await request.get(path, { maxRedirects: 0 });
    const headers = res.headers();
    expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
    expect(headers["x-frame-options"], path).toBe("DENY");
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("same-origin");
    expect(headers["permissions-policy"], path).toContain("camera=()");
    expect(headers["strict-transport-security"], path).toBeUndefined();
  }
  const behindTls = await request.get("/login", { headers: { "X-Forwarded-Proto": "https" } });
  expect(behindTls.headers()["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
});

test("PATCH of an agent's name keeps its Vapi provider, settings and defaults", async () => {
  const vapi = {
    name: "Vapi caller",
    provider: "vapi",
    providerSettings: { assistantId: "asst_1", phoneNumberId: "pn_1" },
    providerApiKey: "vapi-private-key-1234",
    concurrencyCap: 9,
    phoneVariable: "mobile",
    scheduleDefaults: { num_of_retries: "1", gap_between_retries: "2" },
  };
  const { id } = await createAgent(api, vapi);
  const renamed = await api.patch(`/api/v1/agents/${id}`, { data: { name: "Renamed" } });
  expect(renamed.status()).toBe(200);
  const { agent } = await (await api.get(`/api/v1/agents/${id}`)).json();
  const { providerApiKey: _key, ...rest } = vapi;
  expect(agent).toMatchObject({ ...rest, name: "Renamed", timezone: "Asia/Kolkata", providerApiKey: "••••1234" });
});

test("members see agents without their provider settings or key", async ({ playwright, baseURL }) => {
  const { id } = await createAgent(api, {
    name: "Vapi for members",
    provider: "vapi",
    providerSettings: { assistantId: "asst_m", phoneNumberId: "pn_m" },
    providerApiKey: "vapi-private-key-5678",
  });
  const added = await admin.post("/api/v1/members", { data: { name: "Mo", email: "mo@acme.test", password: PASSWORD, role: "member" } });
  expect(added.status()).toBe(201);
  const member = await playwright.request.newContext({ baseURL });
  await signInRequest(member, "mo@acme.test");
  const one = (await (await member.get(`/api/v1/agents/${id}`)).json()).agent;
  expect(one.name).toBe("Vapi for members");
  expect(Object.keys(one)).not.toContain("providerSettings");
  expect(Object.keys(one)).not.toContain("providerApiKey");
  const listed = (await (await member.get("/api/v1/agents")).json()).agents as Array<Record<string, unknown>>;
  expect(listed.map((a) => "providerSettings" in a || "providerApiKey" in a)).toEqual(listed.map(() => false));
  expect(JSON.stringify(listed)).not.toContain("asst_m");
  // Admins still see them.
  expect((await (await admin.get(`/api/v1/agents/${id}`)).json()).agent.providerSettings).toEqual({
    assistantId: "asst_m",
    phoneNumberId: "pn_m",
  });
});

test("sign-in: 10 wrong passwords, then 429 with Retry-After even for the right one", async ({ playwright, baseURL }) => {
  const browserless = await playwright.request.newContext({ baseURL });
  const attempt = async (password: string) => {
    const { csrfToken } = await (await browserless.get("/api/auth/csrf")).json();
    return browserless.post("/api/auth/callback/credentials", { form: { csrfToken, email: adminEmail, password, json: "true" } });
  };
  for (let i = 0; i < 10; i++) expect((await attempt(`wrong ${i}`)).status()).toBe(401);
  for (const password of ["wrong again", PASSWORD]) {
    const res = await attempt(password);
    expect(res.status()).toBe(429);
    const wait = Number(res.headers()["retry-after"]);
    expect(wait).toBeGreaterThan(20);
    expect(wait).toBeLessThanOrEqual(30);
    const body = await res.json();
    expect(body.error.code).toBe("too_many_attempts");
    expect(new URL(body.url).searchParams.get("error")).toBe(`too_many_attempts:${wait}`);
  }
  expect(await (await browserless.get("/api/auth/session")).json()).toEqual({});
});

test("set-up is throttled the same way once it keeps failing", async ({ request, baseURL }) => {
  const setup = () =>
    request.post("/api/setup", {
      headers: sameOrigin(baseURL!),
      data: { organizationName: "Other", timezone: "UTC", countryCode: "+1", name: "X", email: "x@x.test", password: PASSWORD },
    });
  for (let i = 0; i < 10; i++) expect((await setup()).status()).toBe(409);
  const throttled = await setup();
  expect(throttled.status()).toBe(429);
  expect(Number(throttled.headers()["retry-after"])).toBeGreaterThan(0);
  expect((await throttled.json()).error.code).toBe("too_many_attempts");
});
