import "server-only";
import { CRM_NAMES } from "@/lib/crm/crms";
import { hubSpotFieldList, leadSquaredFieldList, type CrmField } from "@/lib/crm/fields";
import { db } from "@/lib/db";
import type { CrmType, Integration } from "@/lib/generated/prisma/client";
import { ApiError } from "@/lib/http/errors";
import { CrmError } from "@/lib/http/fetch-json";
import { findIntegration, hubSpotClientFor, leadSquaredClientFor } from "@/lib/integrations/queries";

export type CrmFieldList = { crm: CrmType; fields: CrmField[]; fetchedAt: string; cached: boolean };

// The CRM's fault or the network's, as the dashboard should hear it: a bad key is for the admin to fix (409), a busy
// CRM is worth a retry (429), an unreachable or confused one is a bad gateway (502/504).
const STATUS_BY_KIND: Record<CrmError["kind"], number> = {
  unauthorized: 409,
  rejected: 409,
  not_found: 409,
  rate_limited: 429,
  unreachable: 502,
  bad_response: 502,
  timeout: 504,
};

export function crmErrorToApiError(err: CrmError): ApiError {
  return new ApiError(STATUS_BY_KIND[err.kind], `crm_${err.kind}`, err.message);
}

async function fetchFields(integration: Integration): Promise<CrmField[]> {
  try {
    if (integration.crm === "leadsquared") return leadSquaredFieldList(await leadSquaredClientFor(integration).leadFields());
    return hubSpotFieldList(await hubSpotClientFor(integration).contactProperties());
  } catch (err) {
    throw err instanceof CrmError ? crmErrorToApiError(err) : err;
  }
}

/**
 * The connected CRM's fields, from the cache unless `refresh` or the integration changed since (a reconnect may be
 * another account). A failed refresh keeps the old cache.
 */
export async function crmFields(input: { orgId: string; crm: CrmType; refresh?: boolean }): Promise<CrmFieldList> {
  const { orgId, crm } = input;
  const integration = await findIntegration(orgId, crm);
  if (!integration) {
    throw new ApiError(
      409,
      "not_connected",
      `${CRM_NAMES[crm]} is not connected. Connect it under Integrations first, then its fields appear here.`,
    );
  }
  const cache = await db.crmFieldCache.findUnique({ where: { integrationId: integration.id } });
  if (cache && !input.refresh && cache.fetchedAt >= integration.updatedAt) {
    return { crm, fields: cache.fields as CrmField[], fetchedAt: cache.fetchedAt.toISOString(), cached: true };
  }
  const fields = await fetchFields(integration);
  const fetchedAt = new Date();
  const data = { orgId, fields, fetchedAt };
  await db.crmFieldCache.upsert({
    where: { integrationId: integration.id },
    create: { integrationId: integration.id, ...data },
    update: data,
  });
  return { crm, fields, fetchedAt: fetchedAt.toISOString(), cached: false };
}
