import "server-only";
import type { Crm } from "@/lib/crm/crms";
import type { HubSpotClient } from "@/lib/crm/hubspot/client";
import type { LeadSquaredClient } from "@/lib/crm/leadsquared/client";
import { CrmError } from "@/lib/http/fetch-json";
import { checkFailure, missingScopesFailure, type CheckFailure } from "@/lib/integrations/check-failure";

export type CheckResult = { ok: true; config: Record<string, string | number | null> } | { ok: false; failure: CheckFailure };

/** A real API call with these credentials: the settings to store when they work, the reason when they don't. */
export function checkLeadSquared(client: LeadSquaredClient, host: string): Promise<CheckResult> {
  return attempt("leadsquared", async () => {
    const account = await client.checkCredentials();
    // The account's zone is offered as an agent's default zone; kept only when it is an IANA name Leadline can use.
    return { ok: true, config: { host, account: account.orgName ?? account.orgId, timeZone: ianaZoneOrNull(account.timeZone) } };
  });
}

export function checkHubSpot(client: HubSpotClient): Promise<CheckResult> {
  return attempt("hubspot", async () => {
    const token = await client.checkToken();
    if (token.missing.length) return { ok: false, failure: missingScopesFailure(token.missing) };
    return { ok: true, config: { portalId: token.hubId } };
  });
}

function ianaZoneOrNull(zone: string | null): string | null {
  if (!zone || !zone.includes("/")) return null;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone;
  } catch {
    return null;
  }
}

// Only a CRM's answer (or silence) is a failed check; anything else is Leadline's own bug and stays a 500.
async function attempt(crm: Crm, run: () => Promise<CheckResult>): Promise<CheckResult> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof CrmError) return { ok: false, failure: checkFailure(crm, err) };
    throw err;
  }
}
