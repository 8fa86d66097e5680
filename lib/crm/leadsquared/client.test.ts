import { createServer as createHttpServer } from "node:http";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeLeadSquared, FAKE_LSQ_FIELDS, FAKE_LSQ_LEADS, type FakeLeadSquared } from "@/e2e/support/fakes/leadsquared";
import { CrmError, createLeadSquaredClient, type LeadSquaredConfig } from "./client";
import { createAccountLimiters, createRateLimiter, type Clock } from "./rate-limit";
import { crmFailure } from "@/lib/http/crm-failure.test-support";

const WHERE = "Use your LeadSquared API host, e.g. https://api-in21.leadsquared.com — find it under Settings → API & Webhooks.";

let fake: FakeLeadSquared;
const stops: (() => Promise<void>)[] = [];

async function startFake(options: Parameters<typeof createFakeLeadSquared>[0] = {}) {
  fake = createFakeLeadSquared(options);
  await fake.start();
  stops.push(() => fake.stop());
  return fake;
}

function client(overrides: Partial<LeadSquaredConfig> = {}) {
  return createLeadSquaredClient({
    baseUrl: fake.baseUrl,
    accessKey: fake.accessKey,
    secretKey: fake.secretKey,
    timeoutMs: 2_000,
    ...overrides,
  });
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeEach(() => startFake());
afterEach(async () => {
  while (stops.length) await stops.pop()!();
});

describe("checkCredentials", () => {
  it("returns the user and account, sending the keys as query parameters on a GET", async () => {
    expect(await client().checkCredentials()).toEqual({
      userId: "2f1c9a6e-5b7d-4e2a-9c41-7d3b8e6f1a20",
      userName: "Asha Rao",
      role: "Administrator",
      orgId: "61234",
      orgName: "Acme Realty",
      orgShortCode: "61234",
      timeZone: "Asia/Kolkata",
      defaultCountryCode: "91",
      apiHost: "https://api-in21.leadsquared.com",
    });
    expect(fake.requests.map((r) => [r.method, r.path, r.query])).toEqual([
      ["GET", "/v2/Authentication.svc/UserByAccessKey.Get", { accessKey: fake.accessKey, secretKey: fake.secretKey }],
    ]);
  });

  it("reports the account's own region host when it differs from the one entered", async () => {
    await startFake({ user: { LSQCommonServiceURLs: { api: "api-us11.leadsquared.com", app: "us11.leadsquared.com" } } });
    expect((await client().checkCredentials()).apiHost).toBe("https://api-us11.leadsquared.com");
  });

  it("wrong keys: unauthorized, with a fix, and without the secret", async () => {
    const err = await crmFailure(client({ secretKey: "wrong-secret-0123456789" }).checkCredentials());
    expect([err.kind, err.status, err.transient]).toEqual(["unauthorized", 401, false]);
    expect(err.message).toBe(
      "LeadSquared did not accept this Access Key and Secret Key. Copy both again from Settings → API & Webhooks; keys stop working when their user is deactivated.",
    );
    expect(err.message).not.toContain("wrong-secret");
  });

  it("unreachable host: a closed port", async () => {
    const port = await closedPort();
    const err = await crmFailure(client({ baseUrl: `http://127.0.0.1:${port}` }).checkCredentials());
    expect([err.kind, err.transient]).toEqual(["unreachable", true]);
    expect(err.message).toBe(
      `Could not reach LeadSquared at 127.0.0.1:${port}: the connection was refused. Check the address and try again.`,
    );
  });

  it("a host that hangs: timeout after timeoutMs", async () => {
    fake.failNext(1, "hang");
    const started = Date.now();
    const err = await crmFailure(client({ timeoutMs: 200 }).checkCredentials());
    expect([err.kind, err.transient]).toEqual(["timeout", true]);
    expect(err.message).toBe(`LeadSquared at ${new URL(fake.baseUrl).host} did not answer within 0.2 seconds. Try again in a minute.`);
    // Well short of the 10 s default, however loaded the machine: the given limit is the one applied.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("a web page instead of the API: bad_response naming the host", async () => {
    fake.failNext(1, "html");
    const err = await crmFailure(client().checkCredentials());
    expect([err.kind, err.status]).toEqual(["bad_response", 200]);
    expect(err.message).toBe(`${new URL(fake.baseUrl).host} answered, but not like the LeadSquared API. ${WHERE}`);
  });

  it("another JSON API answering 404 for LeadSquared's path: bad_response", async () => {
    const other = createHttpServer((_req, res) =>
      res.writeHead(404, { "content-type": "application/json" }).end('{"message":"Not Found"}'),
    );
    await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
    stops.push(() => new Promise((resolve) => other.close(() => resolve())));
    const baseUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    const err = await crmFailure(client({ baseUrl }).checkCredentials());
    expect([err.kind, err.status]).toEqual(["bad_response", 404]);
    expect(err.message).toBe(`${new URL(baseUrl).host} has no such LeadSquared API (HTTP 404). Check the Host URL.`);
  });

  it("LeadSquared's 500: transient bad_response quoting its exception message", async () => {
    fake.failNext(1, "500");
    const err = await crmFailure(client().checkCredentials());
    expect([err.kind, err.status, err.transient, err.vendorCode]).toEqual(["bad_response", 500, true, "MXInternalServerException"]);
    expect(err.message).toBe(
      "LeadSquared had a problem answering (HTTP 500); try again in a minute. LeadSquared said: “An unexpected error occurred”",
    );
  });

  it("recovers once scripted failures are used up", async () => {
    fake.failNext(2, "500");
    await crmFailure(client().checkCredentials());
    await crmFailure(client().checkCredentials());
    expect((await client().checkCredentials()).orgId).toBe("61234");
    expect(fake.requests.map((r) => r.status)).toEqual([500, 500, 200]);
  });
});

describe("rate limit", () => {
  it("429 from LeadSquared: rate_limited with a 5 s hint (no Retry-After is documented)", async () => {
    await startFake({ rateLimit: { limit: 1, windowMs: 60_000 } });
    await client().checkCredentials();
    const err = await crmFailure(client().checkCredentials());
    expect([err.kind, err.status, err.retryAfterMs, err.vendorCode, err.transient]).toEqual([
      "rate_limited",
      429,
      5_000,
      "MXAPIRateLimitExceededException",
      true,
    ]);
    expect(err.message).toBe(
      "LeadSquared's API limit for this account was reached; Leadline will try again shortly. LeadSquared said: “API calls exceeded the limit of 1 in 60 second(s)”",
    );
  });

  it("the same exception inside an HTTP 200 is also rate_limited", async () => {
    await startFake({ rateLimit: { limit: 1, windowMs: 60_000, answer: "200" } });
    await client().getLead("a311900c-0e56-4601-b580-f931645e7b32");
    const err = await crmFailure(client().getLead("a311900c-0e56-4601-b580-f931645e7b32"));
    expect([err.kind, err.status, err.retryAfterMs]).toEqual(["rate_limited", 200, 5_000]);
  });

  it("without a limiter, a burst of 60 is refused from the 26th call (the fake enforces 25 per 5 s)", async () => {
    const t = { now: 0 };
    await startFake({ now: () => t.now });
    const lsq = client();
    const outcomes: string[] = [];
    for (let i = 0; i < 60; i++)
      outcomes.push(
        await lsq.getLead("missing").then(
          () => "ok",
          (e: CrmError) => e.kind,
        ),
      );
    expect(outcomes).toEqual([...Array(25).fill("ok"), ...Array(35).fill("rate_limited")]);
  });

  it("with the account limiter, a burst of 60 all succeeds and no 5 s window holds more than 25 (virtual clock)", async () => {
    let now = 0;
    const clock: Clock = { now: () => now, sleep: async (ms) => void (now += ms) };
    await startFake({ now: () => now });
    const lsq = client({ limiter: createAccountLimiters({ clock }).forAccount("61234") });
    for (let i = 0; i < 60; i++) expect(await lsq.getLead(`missing-${i}`)).toBeNull();
    const times = fake.requests.map((r) => r.at);
    expect(fake.requests.every((r) => r.status === 200)).toBe(true);
    expect(times).toEqual([...Array(25).fill(0), ...Array(25).fill(5_250), ...Array(10).fill(10_500)]);
    for (let i = 25; i < times.length; i++) expect(times[i]! - times[i - 25]!).toBeGreaterThanOrEqual(5_000);
  });

  it("a concurrent burst on the real clock stays under the fake's limit (5 per 300 ms, scaled down)", async () => {
    await startFake({ rateLimit: { limit: 5, windowMs: 300 } });
    // The margin (200 ms of 300) stands in for production's 250 ms of 5 s, sized for a busy 2-core test machine.
    const lsq = client({ limiter: createRateLimiter({ limit: 5, windowMs: 500 }) });
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: 12 }, () => lsq.getLead("a311900c-0e56-4601-b580-f931645e7b32")));
    expect(results.map((lead) => lead?.FirstName)).toEqual(Array(12).fill("Asha"));
    expect(fake.requests.map((r) => r.status)).toEqual(Array(12).fill(200));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
  });
});

describe("activity types", () => {
  it("creates an outbound type with CreateType, gets its code back, and lists it by name; a taken name is refused", async () => {
    const created = await client().createActivityType({ name: "Leadline call", description: "Calls placed by Leadline" });
    expect(created).toEqual({ code: 203, name: "Leadline call" });
    const request = fake.requests.find((r) => r.path === "/v2/ProspectActivity.svc/CreateType")!;
    expect(request.method).toBe("POST");
    expect(request.body).toEqual({ ActivityEventName: "Leadline call", Score: 0, Description: "Calls placed by Leadline", Direction: 1 });
    expect(await client().activityTypes()).toEqual([
      { code: 201, name: "Activity type 201" },
      { code: 202, name: "Activity type 202" },
      { code: 203, name: "Leadline call" },
    ]);
    const taken = await crmFailure(client().createActivityType({ name: "leadline CALL", description: "" }));
    expect(taken.message).toContain("An activity type named 'leadline CALL' already exists");
  });
});

describe("leadFields", () => {
  it("lists schema name, display name and type, asking LeadSquared to leave out dropdown options", async () => {
    const fields = await client().leadFields();
    expect(fields).toEqual(FAKE_LSQ_FIELDS.map((f) => ({ schemaName: f.SchemaName, displayName: f.DisplayName, dataType: f.DataType })));
    expect(fields.find((f) => f.schemaName === "mx_Product_Interest")).toEqual({
      schemaName: "mx_Product_Interest",
      displayName: "Product Interest",
      dataType: "Text",
    });
    expect(fake.requests[0]?.query.excludeOptionSets).toBe("1");
  });

  it("wrong keys: unauthorized", async () => {
    expect((await crmFailure(client({ accessKey: "u$rnot-mine" }).leadFields())).kind).toBe("unauthorized");
  });
});

describe("getLead", () => {
  it("returns the flat lead, values as strings or null", async () => {
    expect(await client().getLead("c7d2e0f4-51a9-4b3e-8f6d-2a9b1c4e7f03")).toEqual(FAKE_LSQ_LEADS[1]);
    expect(fake.requests[0]?.query.id).toBe("c7d2e0f4-51a9-4b3e-8f6d-2a9b1c4e7f03");
  });

  it("returns null when LeadSquared answers an empty array", async () => {
    expect(await client().getLead("00000000-0000-0000-0000-000000000000")).toBeNull();
  });

  it("returns null for a blank id without calling LeadSquared", async () => {
    expect(await client().getLead("  ")).toBeNull();
    expect(fake.requests).toEqual([]);
  });

  it("times out on a hanging request", async () => {
    fake.failNext(1, "hang");
    expect((await crmFailure(client({ timeoutMs: 150 }).getLead("x"))).kind).toBe("timeout");
  });
});

describe("the fake also takes the keys as x-LSQ-* headers (the other documented way)", () => {
  it("answers 200 with headers and 401 with a wrong header", async () => {
    const path = `${fake.baseUrl}/v2/Authentication.svc/UserByAccessKey.Get`;
    const ok = await fetch(path, { headers: { "x-LSQ-AccessKey": fake.accessKey, "x-LSQ-SecretKey": fake.secretKey } });
    const bad = await fetch(path, { headers: { "x-LSQ-AccessKey": fake.accessKey, "x-LSQ-SecretKey": "nope" } });
    expect([ok.status, bad.status]).toEqual([200, 401]);
    expect(await bad.json()).toEqual({
      Status: "Error",
      ExceptionType: "MXUnAuthorizedAccessException",
      ExceptionMessage: "Invalid AccessKey or SecretKey",
    });
  });
});
