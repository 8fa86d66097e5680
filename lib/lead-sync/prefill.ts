import type { CrmField } from "@/lib/crm/fields";
import type { FieldMapping } from "./schema";

// System fields each account keeps for itself: copying them would overwrite the destination's own ids and stamps.
const NOT_COPIED = new Set([
  "prospectid",
  "prospectautoid",
  "createdon",
  "createdby",
  "modifiedon",
  "modifiedby",
  "ownerid",
  "leadconversiondate",
]);

/**
 * The default mapping (seed 001, "Default/Edit Mapping"): every destination field that the source account has under
 * the same schema name, in the destination's order, enabled and without a default.
 */
export function prefillMapping(source: readonly CrmField[], destination: readonly CrmField[]): FieldMapping[] {
  const sourceNames = new Map(source.map((f) => [f.name.toLowerCase(), f.name]));
  const seen = new Set<string>();
  const out: FieldMapping[] = [];
  for (const field of destination) {
    const key = field.name.toLowerCase();
    const from = sourceNames.get(key);
    if (!from || NOT_COPIED.has(key) || seen.has(key)) continue;
    seen.add(key);
    out.push({ source: from, destination: field.name, enabled: true, defaultValue: null, custom: false });
  }
  return out;
}

/** The field to search by first: a unique key both accounts have, email before phone. */
export function suggestedSearchBy(mapping: readonly FieldMapping[]): string | null {
  const names = new Map(mapping.map((m) => [m.destination.toLowerCase(), m.destination]));
  return names.get("emailaddress") ?? names.get("mobile") ?? names.get("phone") ?? null;
}
