import { createServer, type AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import {
  createFakeHubSpot,
  FAKE_HUBSPOT_PROPERTIES,
  FAKE_HUBSPOT_SCOPES,
  type FakeContact,
  type FakeHubSpot,
} from "@/e2e/support/fakes/hubspot";
import { BATCH_READ_SIZE, createHubSpotClient, type HubSpotConfig } from "./client";
import { crmFailure } from "@/lib/http/crm-failure.test-support";

const FIX = "Copy it again in HubSpot: Developer → Legacy Apps → your private app → Auth → Access token.";

let fake: FakeHubSpot;
afterEach(() => fake.stop());

async function startFake(options: Parameters<typeof createFakeHubSpot>[0] = {}) {
  fake = createFakeHubSpot(options);
  await fake.start();
  return fake;
}

function client(overrides: Partial<HubSpotConfig> = {}) {
  return createHubSpotClient({ baseUrl: fake.baseUrl, token: fake.token, timeoutMs: 2_000, ...overrides });
}

describe("checkToken", () => {
  it("reads the scopes from the private-app token-info endpoint", async () => {
    await startFake();
    expect(await client().checkToken()).toEqual({
      hubId: 48211234,
      granted: ["crm.objects.contacts.read", "crm.schemas.contacts.read"],
      missing: [],
      scopes: FAKE_HUBSPOT_SCOPES,
      source: "token-info",
    });
    const [request] = fake.requests;
    expect([request?.method, request?.path, request?.body, request?.headers.authorization]).toEqual([
      "POST",
      "/oauth/v2/private-apps/get/access-token-info",
      { tokenKey: fake.token },
      `Bearer ${fake.token}`,
    ]);
  });

  it.each([
    { granted: ["crm.objects.contacts.read"], missing: ["crm.schemas.contacts.read"] },
    { granted: ["crm.schemas.contacts.read"], missing: ["crm.objects.contacts.read"] },
    { granted: [], missing: ["crm.objects.contacts.read", "crm.schemas.contacts.read"] },
  ])("names the missing scopes: $missing", async ({ granted, missing }) => {
    await startFake({ scopes: [...granted, "crm.objects.contacts.write"] });
    const check = await client().checkToken();
    expect([check.granted, check.missing]).toEqual([granted, missing]);
  });

  it("probes one read per scope when token-info does not know the token, reading 403 as missing", async () => {
    await startFake({ tokenInfo: false, scopes: ["crm.objects.contacts.read"] });
    expect(await client().checkToken()).toEqual({
      hubId: null,
      granted: ["crm.objects.contacts.read"],
      missing: ["crm.schemas.contacts.read"],
      scopes: null,
      source: "probe",
    });
    expect(fake.requests.map((r) => [r.path, r.status])).toEqual([
      ["/oauth/v2/private-apps/get/access-token-info", 404],
      ["/crm/v3/objects/contacts", 200],
      ["/crm/v3/properties/contacts", 403],
    ]);
  });

  it("a wrong token: unauthorized with HubSpot's category, and the token is not echoed", async () => {
    await startFake();
    const err = await crmFailure(client({ token: "pat-na1-00000000-dead-beef-0000-000000000000" }).checkToken());
    expect([err.kind, err.status, err.vendorCode, err.transient]).toEqual(["unauthorized", 401, "INVALID_AUTHENTICATION", false]);
    expect(err.message).toBe(`HubSpot did not accept this access token. ${FIX}`);
    expect(err.message).not.toContain("dead-beef");
  });

  it("an expired token says so", async () => {
    await startFake({ expired: true });
    const err = await crmFailure(client().contactProperties());
    expect([err.kind, err.vendorCode]).toEqual(["unauthorized", "EXPIRED_AUTHENTICATION"]);
    expect(err.message).toBe(`HubSpot did not accept this access token because it has expired. ${FIX}`);
  });

  it("a 401 on a probe is still unauthorized, not a missing scope", async () => {
    await startFake({ tokenInfo: false });
    expect((await crmFailure(client({ token: "pat-na1-wrong" }).checkToken())).kind).toBe("unauthorized");
  });
});

describe("contactIds", () => {
  it("lists the account's first contacts' ids, as many as asked", async () => {
    await startFake();
    expect(await client().contactIds()).toEqual(["90512345678"]);
    expect(await client().contactIds(5)).toEqual(["90512345678", "90512345679"]);
    expect(fake.requests.at(-1)?.query).toEqual({ limit: "5" });
  });
});

describe("contactProperties", () => {
  it("lists name, label, type, field type, group and hidden flag", async () => {
    await startFake();
    const properties = await client().contactProperties();
    expect(properties.length).toBe(FAKE_HUBSPOT_PROPERTIES.length);
    expect(properties.slice(0, 4)).toEqual([
      { name: "firstname", label: "First Name", type: "string", fieldType: "text", groupName: "contactinformation", hidden: false },
      { name: "lastname", label: "Last Name", type: "string", fieldType: "text", groupName: "contactinformation", hidden: false },
      { name: "email", label: "Email", type: "string", fieldType: "text", groupName: "contactinformation", hidden: false },
      { name: "phone", label: "Phone Number", type: "string", fieldType: "phonenumber", groupName: "contactinformation", hidden: false },
    ]);
    expect(properties.find((p) => p.name === "hs_object_id")?.hidden).toBe(true);
  });

  it("without the schema scope: rejected 403 naming the scope", async () => {
    await startFake({ scopes: ["crm.objects.contacts.read"] });
    const err = await crmFailure(client().contactProperties());
    expect([err.kind, err.status, err.vendorCode]).toEqual(["rejected", 403, "MISSING_SCOPES"]);
    expect(err.message).toBe(
      "HubSpot refused: the private app is missing a permission. It needs crm.schemas.contacts.read; add it under the app's Scopes tab and commit the change. HubSpot said: “This app has not been granted all the scopes this call requires.”",
    );
  });
});

describe("batchReadContacts", () => {
  it("returns the asked properties (unknown names ignored) in the order asked, and the ids HubSpot lacks", async () => {
    await startFake();
    const result = await client().batchReadContacts(["90512345679", "404", "90512345678"], ["firstname", "phone", "no_such_property"]);
    expect(result).toEqual({
      contacts: [
        {
          id: "90512345679",
          properties: {
            firstname: "Rahul",
            phone: "(990) 111-1111",
            createdate: "2026-11-22T06:02:11.000Z",
            hs_object_id: "90512345679",
            lastmodifieddate: "2026-11-22T07:15:40.000Z",
          },
          createdAt: "2026-11-22T06:02:11.000Z",
          updatedAt: "2026-11-22T07:15:40.000Z",
        },
        {
          id: "90512345678",
          properties: {
            firstname: "Asha",
            phone: "+919876543210",
            createdate: "2026-11-22T04:30:00.123Z",
            hs_object_id: "90512345678",
            lastmodifieddate: "2026-11-22T04:31:10.456Z",
          },
          createdAt: "2026-11-22T04:30:00.123Z",
          updatedAt: "2026-11-22T04:31:10.456Z",
        },
      ],
      missing: ["404"],
    });
    expect(fake.requests.map((r) => r.status)).toEqual([207]);
    expect(fake.requests[0]?.body).toEqual({
      properties: ["firstname", "phone", "no_such_property"],
      inputs: [{ id: "90512345679" }, { id: "404" }, { id: "90512345678" }],
    });
  });

  it(`chunks ${BATCH_READ_SIZE} ids per request and asks for each id once`, async () => {
    const many: FakeContact[] = Array.from({ length: 250 }, (_, i) => ({
      id: String(1000 + i),
      properties: { firstname: `Lead ${i}`, phone: `+9198000${String(i).padStart(5, "0")}` },
      createdAt: "2026-11-22T00:00:00.000Z",
      updatedAt: "2026-11-22T00:00:00.000Z",
    }));
    await startFake({ contacts: many });
    const ids = [...many.map((c) => c.id), "1000", "1001", "1002", "1", "2"];
    const result = await client().batchReadContacts(ids, ["firstname"]);
    expect(fake.requests.map((r) => (r.body as { inputs: unknown[] }).inputs.length)).toEqual([100, 100, 52]);
    expect(result.contacts.map((c) => c.id)).toEqual(many.map((c) => c.id));
    expect(result.contacts[249]?.properties.firstname).toBe("Lead 249");
    expect(result.missing).toEqual(["1", "2"]);
  });

  it("makes no request for no ids", async () => {
    await startFake();
    expect(await client().batchReadContacts([], ["firstname"])).toEqual({ contacts: [], missing: [] });
    expect(fake.requests).toEqual([]);
  });

  it("the fake, like HubSpot, refuses more than 100 inputs", async () => {
    await startFake();
    const res = await fetch(`${fake.baseUrl}/crm/v3/objects/contacts/batch/read`, {
      method: "POST",
      headers: { authorization: `Bearer ${fake.token}`, "content-type": "application/json" },
      body: JSON.stringify({ properties: [], inputs: Array.from({ length: 101 }, (_, i) => ({ id: String(i) })) }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { category: string }).category).toBe("VALIDATION_ERROR");
  });
});

describe("rate limit and transport failures", () => {
  it("429 TEN_SECONDLY_ROLLING: rate_limited, 10 s as the official SDK waits", async () => {
    await startFake({ rateLimit: { limit: 2 } });
    await client().contactProperties();
    await client().contactProperties();
    const err = await crmFailure(client().contactProperties());
    expect([err.kind, err.status, err.retryAfterMs, err.vendorCode, err.transient]).toEqual([
      "rate_limited",
      429,
      10_000,
      "TEN_SECONDLY_ROLLING",
      true,
    ]);
    expect(err.message).toBe(
      "HubSpot's API limit for this account was reached; Leadline will try again shortly. HubSpot said: “You have reached your ten_secondly_rolling limit.”",
    );
  });

  it("honours Retry-After when HubSpot sends one, and the fake reports its limit headers", async () => {
    await startFake({ rateLimit: { limit: 1, retryAfterSeconds: 3 } });
    const first = await fetch(`${fake.baseUrl}/crm/v3/properties/contacts`, { headers: { authorization: `Bearer ${fake.token}` } });
    expect(["max", "remaining", "interval-milliseconds"].map((h) => first.headers.get(`x-hubspot-ratelimit-${h}`))).toEqual([
      "1",
      "0",
      "10000",
    ]);
    expect((await crmFailure(client().contactProperties())).retryAfterMs).toBe(3_000);
  });

  it("rolls: calls succeed again once the ten seconds have passed", async () => {
    let now = 0;
    await startFake({ rateLimit: { limit: 1 }, now: () => now });
    await client().contactProperties();
    now = 9_999;
    expect((await crmFailure(client().contactProperties())).kind).toBe("rate_limited");
    now = 10_001;
    expect((await client().contactProperties()).length).toBe(FAKE_HUBSPOT_PROPERTIES.length);
  });

  it("timeout when HubSpot does not answer", async () => {
    await startFake();
    fake.failNext(1, "hang");
    const err = await crmFailure(client({ timeoutMs: 150 }).batchReadContacts(["90512345678"], ["firstname"]));
    expect([err.kind, err.message]).toEqual([
      "timeout",
      `HubSpot at ${new URL(fake.baseUrl).host} did not answer within 0.15 seconds. Try again in a minute.`,
    ]);
  });

  it("unreachable on a closed port", async () => {
    await startFake();
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const err = await crmFailure(client({ baseUrl: `http://127.0.0.1:${port}` }).checkToken());
    expect([err.kind, err.message]).toEqual([
      "unreachable",
      `Could not reach HubSpot at 127.0.0.1:${port}: the connection was refused. Check the address and try again.`,
    ]);
  });

  it("500: a transient bad_response", async () => {
    await startFake();
    fake.failNext(1, "500");
    const err = await crmFailure(client().contactProperties());
    expect([err.kind, err.status, err.transient, err.message]).toEqual([
      "bad_response",
      500,
      true,
      "HubSpot had a problem answering (HTTP 500); try again in a minute.",
    ]);
  });

  it("a web page instead of JSON: bad_response", async () => {
    await startFake();
    fake.failNext(1, "html");
    const err = await crmFailure(client().contactProperties());
    expect([err.kind, err.message]).toEqual(["bad_response", "The answer did not come from the HubSpot API; check the API address."]);
  });
});
