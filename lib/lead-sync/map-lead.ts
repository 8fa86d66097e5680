import { convertValue, type DestinationField } from "./convert";
import type { FieldMapping } from "./schema";

export type Attribute = { Attribute: string; Value: string };
export type FieldError = { field: string; reason: string };
export type MappedLead = { ok: true; attributes: Attribute[] } | { ok: false; errors: FieldError[] };

type Lead = Record<string, unknown>;

const blank = (value: unknown) => value === undefined || value === null || (typeof value === "string" && value.trim() === "");

/** Case-insensitive read, as LeadSquared's schema names are matched elsewhere in Leadline. */
function read(lead: Lead, name: string): unknown {
  if (name in lead) return lead[name];
  const lower = name.toLowerCase();
  const key = Object.keys(lead).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : lead[key];
}

/**
 * The destination's attribute list for one source lead (seed 001, Edit Mapping): disabled fields are left out; a
 * default applies only when the source sends nothing and the destination's field is empty; each value is converted
 * for its destination type. Any field that cannot be converted fails the lead with every reason at once.
 */
export function mapLead(input: {
  source: Lead;
  fields: FieldMapping[];
  destinationFields: Map<string, DestinationField>;
  /** The destination's copy of the lead when the search found one, else null. */
  existing: Lead | null;
  settings: { defaultCountryCode: string; sourceTimeZone: string };
}): MappedLead {
  const attributes: Attribute[] = [];
  const errors: FieldError[] = [];
  for (const mapping of input.fields) {
    if (!mapping.enabled) continue;
    const field = input.destinationFields.get(mapping.destination.toLowerCase()) ?? { schemaName: mapping.destination, dataType: "Text" };
    const sent = read(input.source, mapping.source);
    let raw: string;
    if (!blank(sent)) {
      if (typeof sent === "object") {
        errors.push({
          field: mapping.destination,
          reason: `the source sent a ${Array.isArray(sent) ? "list" : "nested object"}, not a value`,
        });
        continue;
      }
      raw = String(sent);
    } else if (mapping.defaultValue !== null && (input.existing === null || blank(read(input.existing, mapping.destination)))) {
      raw = mapping.defaultValue;
    } else {
      continue;
    }
    const converted = convertValue(raw, field, input.settings);
    if (converted.ok) attributes.push({ Attribute: field.schemaName, Value: converted.value });
    else errors.push({ field: mapping.destination, reason: converted.reason });
  }
  return errors.length ? { ok: false, errors } : { ok: true, attributes };
}

/** The Search By value to look the lead up with, taken from the mapped attributes so it is already normalised. */
export function searchValue(attributes: Attribute[], schemaName: string): string | null {
  const lower = schemaName.toLowerCase();
  return attributes.find((a) => a.Attribute.toLowerCase() === lower)?.Value ?? null;
}
