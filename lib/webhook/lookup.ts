import "server-only";
import { db } from "@/lib/db";
import type { CallTask, CrmType } from "@/lib/generated/prisma/client";
import { findIntegration, hubSpotClientFor, leadSquaredClientFor } from "@/lib/integrations/queries";
import { missingFields } from "@/lib/variables/map";
import { toVariable } from "@/lib/variables/queries";
import { REDACTED } from "@/lib/redact";

/**
 * The production lead reader of resolving tasks: one HubSpot batch read for all of them, or a LeadSquared read per
 * lead that lacks a mapped field (paced by the account's rate limiter). Fields the CRM posted win over the API's.
 */
export async function lookupLeads(tasks: CallTask[]): Promise<Map<string, Record<string, unknown>>> {
  const found = new Map<string, Record<string, unknown>>();
  const first = tasks[0];
  if (!first) return found;
  const crm = first.source as CrmType;
  const integration = await findIntegration(first.orgId, crm);
  const variables = (await db.agentVariable.findMany({ where: { agentId: first.agentId, source: crm }, orderBy: { position: "asc" } })).map(
    toVariable,
  );
  // Posted fields are stored redacted; a hidden value must not cover the real one the API returns.
  const posted = (t: CallTask) =>
    Object.fromEntries(Object.entries((t.leadFields as Record<string, unknown> | null) ?? {}).filter(([, v]) => v !== REDACTED));
  if (!integration) return found;

  if (crm === "hubspot") {
    const ids = tasks.map((t) => t.crmLeadId).filter((id): id is string => !!id);
    const properties = [...new Set(["phone", "firstname", "lastname", ...variables.map((v) => v.field)])];
    const { contacts } = await hubSpotClientFor(integration).batchReadContacts(ids, properties);
    const byId = new Map(contacts.map((c) => [c.id, c.properties]));
    for (const t of tasks) if (t.crmLeadId && byId.has(t.crmLeadId)) found.set(t.id, { ...byId.get(t.crmLeadId), ...posted(t) });
    return found;
  }

  const client = leadSquaredClientFor(integration);
  for (const t of tasks) {
    if (!t.crmLeadId || missingFields({ lead: posted(t), variables, source: "leadsquared" }).length === 0) continue;
    const lead = await client.getLead(t.crmLeadId);
    if (lead) found.set(t.id, { ...lead, ...posted(t) });
  }
  return found;
}
