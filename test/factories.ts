import { FAKE_LSQ_ACCESS_KEY, FAKE_LSQ_SECRET_KEY } from "@/e2e/support/fakes/leadsquared";
import { encryptSecret } from "@/lib/crypto/secrets";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { createOrganizationWithAdmin } from "@/lib/orgs/queries";
import { setupSchema } from "@/lib/orgs/schema";
import { newId, randomToken } from "@/lib/ids";

/** An organisation with one admin, through the same code path as the setup page. */
export async function createOrg(overrides: Partial<{ organizationName: string; email: string; timezone: string }> = {}) {
  const input = setupSchema.parse({
    organizationName: overrides.organizationName ?? `Org ${randomToken(4)}`,
    timezone: overrides.timezone ?? "Asia/Kolkata",
    countryCode: "+91",
    name: "Admin",
    email: overrides.email ?? `admin-${randomToken(6)}@example.com`,
    password: "correct horse battery",
  });
  return createOrganizationWithAdmin(input, { firstRun: false });
}

/** The organisation's LeadSquared integration row, connected to a fake LeadSquared at `host` with the fake's keys. */
export function connectFakeLeadSquared(orgId: string, host: string) {
  const secrets = encryptSecret(
    JSON.stringify({ accessKey: FAKE_LSQ_ACCESS_KEY, secretKey: FAKE_LSQ_SECRET_KEY }),
    env().LEADLINE_ENCRYPTION_KEY,
  );
  return db.integration.create({ data: { id: newId("int"), orgId, crm: "leadsquared", config: { host }, secrets } });
}
