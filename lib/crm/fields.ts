import type { ContactProperty } from "@/lib/crm/hubspot/client";
import type { LeadField } from "@/lib/crm/leadsquared/client";

/** One CRM field as the Variable Source dropdown offers it: the name to map, the label people know it by, its type. */
export type CrmField = { name: string; label: string; type: string };

/** LeadSquared lead metadata, in the account's own order; duplicates (the API repeats some system fields) once. */
export function leadSquaredFieldList(fields: readonly LeadField[]): CrmField[] {
  return unique(fields.map((f) => ({ name: f.schemaName, label: f.displayName, type: f.dataType })));
}

/** HubSpot contact properties without hidden ones (internal bookkeeping no admin should map), in HubSpot's order. */
export function hubSpotFieldList(properties: readonly ContactProperty[]): CrmField[] {
  return unique(properties.filter((p) => !p.hidden).map((p) => ({ name: p.name, label: p.label, type: p.type })));
}

function unique(fields: CrmField[]): CrmField[] {
  const seen = new Set<string>();
  return fields.filter((f) => !seen.has(f.name) && seen.add(f.name));
}

/** Fields whose name or label contains every word typed, case-insensitively; an exact name first. */
export function searchFields(fields: readonly CrmField[], query: string): CrmField[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [...fields];
  const matches = fields.filter((f) => {
    const text = `${f.name} ${f.label}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
  const exact = query.trim().toLowerCase();
  return matches.sort((a, b) => Number(b.name.toLowerCase() === exact) - Number(a.name.toLowerCase() === exact));
}
