import { expect, test } from "@playwright/test";
import { PASSWORD, sameOrigin, setUpFirstOrganisation, signInRequest } from "../support/accounts";
import { resetDatabase } from "../support/db";

test.beforeAll(async ({ playwright, baseURL }) => {
  await resetDatabase();
  await setUpFirstOrganisation(await playwright.request.newContext({ baseURL }));
});

test("the public API answers a missing, malformed or unknown key with a 401 JSON error", async ({ request }) => {
  const cases: Array<[Record<string, string>, string]> = [
    [{}, "missing_api_key"],
    [{ "X-API-KEY": "ck_1234567890abcdef" }, "invalid_api_key"],
    [{ "x-api-key": `ll_${"a".repeat(12)}_${"b".repeat(32)}` }, "invalid_api_key"],
  ];
  for (const [headers, code] of cases) {
    const res = await request.get("/api/v1/me", { headers });
    expect(res.status(), code).toBe(401);
    const body = await res.json();
    expect(body.error.code).toBe(code);
    expect(body.error.message).toMatch(/API key/);
  }
});

test("setup answers bad input with 4xx and every problem named, never a 500", async ({ request }) => {
  const empty = await request.post("/api/setup", { data: {} });
  expect(empty.status()).toBe(400);
  const body = await empty.json();
  expect(body.error.code).toBe("invalid_request");
  expect(body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
    "countryCode",
    "email",
    "name",
    "organizationName",
    "password",
    "timezone",
  ]);

  const badZone = await request.post("/api/setup", {
    data: { organizationName: "A", timezone: "+05:30", countryCode: "+999", name: "A", email: "a@a.test", password: PASSWORD },
  });
  expect(badZone.status()).toBe(400);
  expect((await badZone.json()).error.details).toEqual([
    { field: "timezone", message: "Use an IANA time zone name such as Asia/Kolkata or America/New_York." },
    { field: "countryCode", message: "Use a country calling code such as +91 or +1." },
  ]);

  const notJson = await request.post("/api/setup", { headers: { "content-type": "application/json" }, data: Buffer.from("{not json") });
  expect(notJson.status()).toBe(400);
  expect((await notJson.json()).error.code).toBe("invalid_json");

  const form = await request.post("/api/setup", { form: { organizationName: "A" } });
  expect(form.status()).toBe(415);
  expect((await form.json()).error.code).toBe("unsupported_media_type");
});

test("dashboard endpoints need a session, and a wrong password gets no session", async ({ playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL, extraHTTPHeaders: sameOrigin(baseURL!) });
  const res = await anonymous.get("/api/v1/api-keys");
  expect(res.status()).toBe(401);
  expect((await res.json()).error.code).toBe("unauthenticated");

  const { csrfToken } = await (await anonymous.get("/api/auth/csrf")).json();
  await anonymous.post("/api/auth/callback/credentials", {
    form: { csrfToken, email: "asha@acme.test", password: "wrong password", json: "true" },
  });
  expect(await (await anonymous.get("/api/auth/session")).json()).toEqual({});

  await signInRequest(anonymous, "asha@acme.test");
  const created = await anonymous.post("/api/v1/api-keys", { data: { name: "  " } });
  expect(created.status()).toBe(400);
  expect((await created.json()).error.details).toEqual([{ field: "name", message: "Give the key a name, e.g. “LeadSquared webhook”." }]);
  const unknown = await anonymous.delete("/api/v1/api-keys/key_doesnotexist");
  expect(unknown.status()).toBe(404);
});

test("the benchmark's baseline route does not exist unless the benchmark turns it on", async ({ request }) => {
  const res = await request.post("/api/bench/bare", { data: { ProspectID: "p-1" } });
  expect(res.status()).toBe(404);
});
