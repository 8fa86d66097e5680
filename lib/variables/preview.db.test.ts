import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createFakeHubSpot, FAKE_HUBSPOT_TOKEN } from "@/e2e/support/fakes/hubspot";
import { createAgent } from "@/lib/agents/queries";
import { agentInputSchema } from "@/lib/agents/schema";
import { encryptSecret } from "@/lib/crypto/secrets";
import { db } from "@/lib/db";
import { ApiError } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import { previewVariables } from "@/lib/variables/preview";
import { variableListSchema } from "@/lib/variables/schema";
import { freePort } from "@/scripts/postgres";
import { truncateAll } from "@/test/databases";
import { createOrg } from "@/test/factories";

const hubspot = createFakeHubSpot();
const hubspotPort = await freePort();
process.env.HUBSPOT_API_BASE_URL = `http://127.0.0.1:${hubspotPort}`;

beforeAll(() => hubspot.start(hubspotPort).then(() => undefined));
afterAll(() => hubspot.stop());
beforeEach(() => truncateAll(process.env.DATABASE_URL!));

const lsqVariables = variableListSchema.parse([
  { name: "name", source: "leadsquared", field: "FirstName", format: "first_name" },
  { name: "phone", source: "leadsquared", field: "Phone" },
  { name: "city", source: "leadsquared", field: "mx_City", default: "your city" },
  { name: "budget", source: "leadsquared", field: "mx_Budget", format: "number" },
  { name: "interest", source: "leadsquared", field: "mx_Product_Interest" },
]);

async function setUp() {
  const { organization } = await createOrg();
  const agent = await createAgent(organization.id, agentInputSchema.parse({ name: "Sales" }));
  return { orgId: organization.id, agentId: agent.id };
}

describe("previewVariables", () => {
  it("resolves an unsaved list against a pasted lead with the webhook's resolver, and says why values are empty", async () => {
    const { orgId, agentId } = await setUp();
    const sample = JSON.stringify({ FirstName: "asha VERMA", Phone: "098765 43210", mx_Budget: "lots", mx_Product_Interest: "" });
    const preview = await previewVariables(orgId, agentId, { variables: lsqVariables, crm: "leadsquared", sample });
    expect(preview.phone).toBe("+919876543210");
    expect(preview.values).toMatchObject({ name: "Asha", phone: "+919876543210", city: "your city" });
    const status = Object.fromEntries(preview.fields.map((f) => [f.name, f.status]));
    expect(status).toEqual({ name: "ok", phone: "ok", city: "default", budget: "invalid", interest: "missing" });
    const reasons = Object.fromEntries(preview.fields.map((f) => [f.name, f.reason]));
    expect(reasons.city).toMatch(/no field named mx_City.*used the default/);
    expect(reasons.interest).toMatch(/mx_Product_Interest is empty/);
    expect(reasons.budget).toMatch(/^mx_Budget: /);
  });

  it("explains an unusable phone as blocking the call", async () => {
    const { orgId, agentId } = await setUp();
    const preview = await previewVariables(orgId, agentId, { variables: lsqVariables, crm: "leadsquared", sample: '{"Phone":"12"}' });
    expect(preview.phone).toBeNull();
    expect(preview.problems[0]).toMatchObject({ name: "phone", blocking: true });
  });

  it("reads the contact a HubSpot event names from the connected account", async () => {
    const { orgId, agentId } = await setUp();
    const variables = variableListSchema.parse([
      { name: "name", source: "hubspot", field: "firstname" },
      { name: "phone", source: "hubspot", field: "mobilephone" },
    ]);
    const sample = JSON.stringify([
      { eventId: 1, portalId: 48211234, subscriptionType: "contact.creation", objectId: 90512345679, occurredAt: 1 },
    ]);
    const notConnected = await previewVariables(orgId, agentId, { variables, crm: "hubspot", sample }).catch((e: unknown) => e);
    expect(notConnected).toBeInstanceOf(ApiError);
    expect((notConnected as ApiError).status).toBe(409);

    const secrets = encryptSecret(JSON.stringify({ token: FAKE_HUBSPOT_TOKEN }), process.env.LEADLINE_ENCRYPTION_KEY!);
    await db.integration.create({ data: { id: newId("int"), orgId, crm: "hubspot", config: { portalId: 48211234 }, secrets } });
    const preview = await previewVariables(orgId, agentId, { variables, crm: "hubspot", sample });
    expect(preview.values).toEqual({ name: "Rahul", phone: "+919900022222" });
  });

  it("answers 404 for another organisation's agent", async () => {
    const { agentId } = await setUp();
    const other = await createOrg();
    const err = await previewVariables(other.organization.id, agentId, { variables: [], crm: "leadsquared", sample: "{}" }).catch(
      (e: unknown) => e,
    );
    expect((err as ApiError).status).toBe(404);
  });
});
