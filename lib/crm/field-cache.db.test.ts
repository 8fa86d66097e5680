import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFakeHubSpot, FAKE_HUBSPOT_TOKEN } from "@/e2e/support/fakes/hubspot";
import { createFakeLeadSquared, FAKE_LSQ_ACCESS_KEY, FAKE_LSQ_SECRET_KEY } from "@/e2e/support/fakes/leadsquared";
import type { Crm } from "@/lib/crm/crms";
import { crmFields } from "@/lib/crm/field-cache";
import { encryptSecret } from "@/lib/crypto/secrets";
import { db } from "@/lib/db";
import { ApiError } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import { freePort } from "@/scripts/postgres";
import { truncateAll } from "@/test/databases";
import { createOrg } from "@/test/factories";

const lsq = createFakeLeadSquared();
const hubspot = createFakeHubSpot();
// env() is read once per test file, so HubSpot's address must be known before the first query.
const hubspotPort = await freePort();
process.env.HUBSPOT_API_BASE_URL = `http://127.0.0.1:${hubspotPort}`;

beforeAll(async () => {
  await lsq.start();
  await hubspot.start(hubspotPort);
});
afterAll(async () => {
  await lsq.stop();
  await hubspot.stop();
});
beforeEach(() => truncateAll(process.env.DATABASE_URL!));

async function connect(orgId: string, crm: Crm, secrets: object) {
  const config = crm === "leadsquared" ? { host: lsq.baseUrl } : { portalId: hubspot.hubId };
  const sealed = encryptSecret(JSON.stringify(secrets), process.env.LEADLINE_ENCRYPTION_KEY!);
  return db.integration.create({ data: { id: newId("int"), orgId, crm, config, secrets: sealed } });
}

async function errorOf(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(err)}`);
  return err;
}

const metadataCalls = () => lsq.requests.filter((r) => r.path.endsWith("LeadsMetaData.Get")).length;

describe("crmFields", () => {
  it("answers 409 and says to connect first when the CRM is not connected", async () => {
    const { organization } = await createOrg();
    const err = await errorOf(crmFields({ orgId: organization.id, crm: "leadsquared" }));
    expect([err.status, err.code]).toEqual([409, "not_connected"]);
    expect(err.message).toMatch(/Connect it under Integrations first/);
  });

  it("reads LeadSquared's lead metadata once, then serves the cache until refreshed", async () => {
    const { organization } = await createOrg();
    await connect(organization.id, "leadsquared", { accessKey: FAKE_LSQ_ACCESS_KEY, secretKey: FAKE_LSQ_SECRET_KEY });
    const before = metadataCalls();
    const first = await crmFields({ orgId: organization.id, crm: "leadsquared" });
    expect(first.cached).toBe(false);
    expect(first.fields).toContainEqual({ name: "mx_Product_Interest", label: "Product Interest", type: "Text" });
    expect(first.fields[0]).toEqual({ name: "ProspectID", label: "Lead Id", type: "Text" });

    const second = await crmFields({ orgId: organization.id, crm: "leadsquared" });
    expect(second).toEqual({ ...first, cached: true });
    expect(metadataCalls() - before).toBe(1);

    const refreshed = await crmFields({ orgId: organization.id, crm: "leadsquared", refresh: true });
    expect(refreshed.cached).toBe(false);
    expect(refreshed.fetchedAt).not.toBe(first.fetchedAt);
    expect(metadataCalls() - before).toBe(2);
  });

  it("refetches after the integration changed (a reconnect may be another account)", async () => {
    const { organization } = await createOrg();
    const integration = await connect(organization.id, "leadsquared", { accessKey: FAKE_LSQ_ACCESS_KEY, secretKey: FAKE_LSQ_SECRET_KEY });
    await crmFields({ orgId: organization.id, crm: "leadsquared" });
    await db.integration.update({ where: { id: integration.id }, data: { lastCheckedAt: new Date() } });
    expect((await crmFields({ orgId: organization.id, crm: "leadsquared" })).cached).toBe(false);
  });

  it("lists HubSpot's visible contact properties and never another organisation's cache", async () => {
    const { organization } = await createOrg();
    const other = await createOrg();
    await connect(organization.id, "hubspot", { token: FAKE_HUBSPOT_TOKEN });
    const list = await crmFields({ orgId: organization.id, crm: "hubspot" });
    expect(list.fields.map((f) => f.name)).toContain("mobilephone");
    expect(list.fields.map((f) => f.name)).not.toContain("hs_object_id");
    expect((await errorOf(crmFields({ orgId: other.organization.id, crm: "hubspot" }))).code).toBe("not_connected");
  });

  it("maps the CRM's refusals: wrong keys 409, rate limit 429, an unanswering CRM 502, and keeps the old cache", async () => {
    const { organization } = await createOrg();
    await connect(organization.id, "leadsquared", { accessKey: FAKE_LSQ_ACCESS_KEY, secretKey: "wrong-secret-key-123" });
    const denied = await errorOf(crmFields({ orgId: organization.id, crm: "leadsquared" }));
    expect([denied.status, denied.code]).toEqual([409, "crm_unauthorized"]);
    expect(denied.message).not.toContain("wrong-secret-key-123");

    await db.integration.deleteMany({});
    await connect(organization.id, "leadsquared", { accessKey: FAKE_LSQ_ACCESS_KEY, secretKey: FAKE_LSQ_SECRET_KEY });
    const cached = await crmFields({ orgId: organization.id, crm: "leadsquared" });
    lsq.failNext(1, "500");
    const broken = await errorOf(crmFields({ orgId: organization.id, crm: "leadsquared", refresh: true }));
    expect([broken.status, broken.code]).toEqual([502, "crm_bad_response"]);
    expect(await crmFields({ orgId: organization.id, crm: "leadsquared" })).toEqual({ ...cached, cached: true });
  });
});
