import { createOrganizationWithAdmin } from "@/lib/orgs/queries";
import { setupSchema } from "@/lib/orgs/schema";
import { randomToken } from "@/lib/ids";

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
