import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createFakeHubSpot, FAKE_HUBSPOT_TOKEN } from "@/e2e/support/fakes/hubspot";
import { createFakeLeadSquared, FAKE_LSQ_ACCESS_KEY, FAKE_LSQ_SECRET_KEY } from "@/e2e/support/fakes/leadsquared";
import { db } from "@/lib/db";
import { ApiError } from "@/lib/http/errors";
import {
  connectHubSpot,
  connectLeadSquared,
  disconnectIntegration,
  findIntegrationSecrets,
  hubSpotClientSecret,
  INTEGRATION_CACHE_MS,
  listIntegrations,
  testIntegration,
} from "@/lib/integrations/queries";
import { hubSpotConnectSchema, leadSquaredConnectSchema } from "@/lib/integrations/schema";
import { truncateAll } from "@/test/databases";
import { createOrg } from "@/test/factories";

const lsq = createFakeLeadSquared();
const hubspot = createFakeHubSpot();
let orgId: string;

async function errorOf(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(err)}`);
  return err;
}

const connectLsq = (input: Record<string, string>) =>
  connectLeadSquared(orgId, leadSquaredConnectSchema.parse({ host: lsq.baseUrl, ...input }));
const connectHs = (input: Record<string, string>) => connectHubSpot(orgId, hubSpotConnectSchema.parse(input));

beforeAll(async () => {
  await lsq.start();
  // env() is read once per test file, so the fakes' addresses are set before the first call.
  process.env.HUBSPOT_API_BASE_URL = await hubspot.start();
  process.env.LEADLINE_LEADSQUARED_ALLOWED_HOSTS = "http://127.0.0.1:*";
});
afterAll(async () => Promise.all([lsq.stop(), hubspot.stop()]));
beforeEach(async () => {
  await truncateAll(process.env.DATABASE_URL!);
  lsq.rotateKeys({ accessKey: FAKE_LSQ_ACCESS_KEY, secretKey: FAKE_LSQ_SECRET_KEY });
  hubspot.rotateToken(FAKE_HUBSPOT_TOKEN);
  orgId = (await createOrg()).organization.id;
});

describe("updating credentials", () => {
  it("keeps stored secrets left empty and checks the merged set with LeadSquared", async () => {
    await connectLsq({ accessKey: FAKE_LSQ_ACCESS_KEY, secretKey: FAKE_LSQ_SECRET_KEY });
    lsq.rotateKeys({ secretKey: "rotated-secret-key-0000-9999" });
    const updated = await connectLsq({ secretKey: "rotated-secret-key-0000-9999" });
    expect(updated.secretHints).toEqual({ accessKey: `••••${FAKE_LSQ_ACCESS_KEY.slice(-4)}`, secretKey: "••••9999" });
    const check = lsq.requests.at(-1)!;
    expect(check.query).toMatchObject({ accessKey: FAKE_LSQ_ACCESS_KEY, secretKey: "rotated-secret-key-0000-9999" });
    expect((await testIntegration(orgId, "leadsquared")).status).toBe("connected");
  });

  it("asks for every secret on a first connection, before calling the CRM", async () => {
    const before = lsq.requests.length;
    const err = await errorOf(connectLsq({ accessKey: FAKE_LSQ_ACCESS_KEY }));
    expect(err.details).toEqual([{ field: "secretKey", message: "Paste the Secret Key from Settings → API & Webhooks." }]);
    expect(lsq.requests.length).toBe(before);
    expect(await listIntegrations(orgId)).toEqual([]);
  });

  it("keeps a HubSpot client secret when only the token changes", async () => {
    await connectHs({ token: FAKE_HUBSPOT_TOKEN, clientSecret: "client-secret-abcd-1234" });
    hubspot.rotateToken("pat-na1-rotated-token-5678");
    const updated = await connectHs({ token: "pat-na1-rotated-token-5678" });
    expect(updated.secretHints).toEqual({ token: "••••5678", clientSecret: "••••1234" });
    expect(hubSpotClientSecret(await db.integration.findFirstOrThrow({ where: { orgId } }))).toBe("client-secret-abcd-1234");
  });

  it("does not touch the stored credentials when the new ones fail", async () => {
    await connectLsq({ accessKey: FAKE_LSQ_ACCESS_KEY, secretKey: FAKE_LSQ_SECRET_KEY });
    const err = await errorOf(connectLsq({ secretKey: "a-wrong-secret-key" }));
    expect(err).toMatchObject({ status: 400, code: "crm_unauthorized", details: [{ field: "accessKey" }] });
    expect((await testIntegration(orgId, "leadsquared")).status).toBe("connected");
  });
});

describe("testing a connection", () => {
  it("records a rejection with its reason and keeps the integration; a later success clears it", async () => {
    await connectLsq({ accessKey: FAKE_LSQ_ACCESS_KEY, secretKey: FAKE_LSQ_SECRET_KEY });
    lsq.rotateKeys({ secretKey: "someone-regenerated-it" });
    const failed = await testIntegration(orgId, "leadsquared");
    expect(failed.status).toBe("error");
    expect(failed.lastError).toMatch(/^The keys were rejected\. LeadSquared did not accept/);
    expect(failed.secretHints.secretKey).toBe(`••••${FAKE_LSQ_SECRET_KEY.slice(-4)}`);

    lsq.rotateKeys({ secretKey: FAKE_LSQ_SECRET_KEY });
    const ok = await testIntegration(orgId, "leadsquared");
    expect(ok).toMatchObject({
      status: "connected",
      lastError: null,
      config: { host: lsq.baseUrl, account: "Acme Realty", timeZone: "Asia/Kolkata" },
    });
    expect(ok.lastCheckedAt!.getTime()).toBeGreaterThan(failed.lastCheckedAt!.getTime() - 1);
  });

  it("tells a rate limit and an unreachable host apart from rejected keys", async () => {
    await connectLsq({ accessKey: FAKE_LSQ_ACCESS_KEY, secretKey: FAKE_LSQ_SECRET_KEY });
    const limited = createFakeLeadSquared({ rateLimit: { limit: 0 } });
    await limited.start();
    await db.integration.updateMany({ where: { orgId }, data: { config: { host: limited.baseUrl, account: "Acme Realty" } } });
    expect((await testIntegration(orgId, "leadsquared")).lastError).toMatch(
      /^LeadSquared is rate limiting this account\. .*try again in a minute/,
    );
    await limited.stop();
    expect((await testIntegration(orgId, "leadsquared")).lastError).toMatch(
      /^Host unreachable\. Could not reach LeadSquared at 127\.0\.0\.1:\d+: /,
    );
  });

  it("names the scope a HubSpot token lost", async () => {
    await connectHs({ token: FAKE_HUBSPOT_TOKEN });
    hubspot.setScopes(["crm.objects.contacts.read"]);
    const failed = await testIntegration(orgId, "hubspot");
    hubspot.setScopes(["crm.objects.contacts.read", "crm.schemas.contacts.read"]);
    expect(failed).toMatchObject({ status: "error", lastError: expect.stringContaining("crm.schemas.contacts.read") });
  });

  it("is a 404 for a CRM that is not connected, in this organisation", async () => {
    await connectHs({ token: FAKE_HUBSPOT_TOKEN });
    const other = (await createOrg()).organization.id;
    expect(await errorOf(testIntegration(other, "hubspot"))).toMatchObject({ status: 404, code: "not_connected" });
  });
});

describe("the webhook's read of an integration", () => {
  it("sees this process's connection and disconnection at once, not connected included", async () => {
    expect(await findIntegrationSecrets(orgId, "hubspot")).toBeNull();
    await connectHs({ token: FAKE_HUBSPOT_TOKEN, clientSecret: "first-client-secret" });
    expect(hubSpotClientSecret((await findIntegrationSecrets(orgId, "hubspot"))!)).toBe("first-client-secret");
    await connectHs({ clientSecret: "second-client-secret" });
    expect(hubSpotClientSecret((await findIntegrationSecrets(orgId, "hubspot"))!)).toBe("second-client-secret");
    await disconnectIntegration(orgId, "hubspot");
    expect(await findIntegrationSecrets(orgId, "hubspot")).toBeNull();
  });

  it("sees another process's changes after the cache's time, and never another organisation's integration", async () => {
    await connectHs({ token: FAKE_HUBSPOT_TOKEN });
    const other = (await createOrg()).organization.id;
    expect(await findIntegrationSecrets(other, "hubspot")).toBeNull();
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      expect(await findIntegrationSecrets(orgId, "hubspot")).not.toBeNull();
      expect(await findIntegrationSecrets(orgId, "leadsquared")).toBeNull();
      await db.integration.deleteMany({ where: { orgId, crm: "hubspot" } });
      await db.integration.create({
        data: { id: "int_elsewhere", orgId, crm: "leadsquared", config: {}, secrets: "sealed", status: "connected" },
      });
      vi.setSystemTime(Date.now() + INTEGRATION_CACHE_MS - 1);
      expect(await findIntegrationSecrets(orgId, "hubspot")).not.toBeNull();
      expect(await findIntegrationSecrets(orgId, "leadsquared")).toBeNull();
      vi.setSystemTime(Date.now() + 1);
      expect(await findIntegrationSecrets(orgId, "hubspot")).toBeNull();
      expect(await findIntegrationSecrets(orgId, "leadsquared")).toEqual({ secrets: "sealed" });
    } finally {
      vi.useRealTimers();
    }
  });
});
