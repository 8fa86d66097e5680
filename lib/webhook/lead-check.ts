import { cleanText, type Repairs } from "@/lib/webhook/clean-text";

/** Bounds on one lead, so one odd lead is refused on its own instead of failing the statement its neighbours share. */
export const LEAD_LIMITS = {
  /** Levels of objects and arrays inside one lead (the lead object itself is level 1). */
  depth: 32,
  fields: 1_000,
  fieldNameChars: 200,
  valueChars: 10_000,
  /** ProspectID, HubSpot object and event ids: real ones are a GUID or a few digits. */
  idChars: 128,
} as const;

export type CheckedFields = { ok: true; fields: Record<string, unknown> } | { ok: false; reason: string };

class LimitExceeded extends Error {}

const clip = (text: string, max = 40) => (text.length <= max ? text : `${text.slice(0, max)}…`);

// Depth is checked before descending, so even a 5,000-level body recurses at most LEAD_LIMITS.depth frames.
function walk(value: unknown, depth: number, repairs: Repairs, path: string): unknown {
  if (typeof value === "string") {
    if (value.length > LEAD_LIMITS.valueChars)
      throw new LimitExceeded(`${path} is ${value.length} characters long; at most ${LEAD_LIMITS.valueChars} are accepted per value`);
    return cleanText(value, repairs);
  }
  if (value === null || typeof value !== "object") return value;
  if (depth > LEAD_LIMITS.depth) throw new LimitExceeded(`the lead is nested deeper than ${LEAD_LIMITS.depth} levels (at ${path})`);
  if (Array.isArray(value)) {
    if (value.length > LEAD_LIMITS.fields)
      throw new LimitExceeded(`${path} holds ${value.length} items; at most ${LEAD_LIMITS.fields} are accepted`);
    const items = value.map((item, i) => walk(item, depth + 1, repairs, `${path}[${i}]`));
    return items.some((item, i) => item !== value[i]) ? items : value;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > LEAD_LIMITS.fields)
    throw new LimitExceeded(`${path || "the lead"} has ${entries.length} fields; at most ${LEAD_LIMITS.fields} are accepted`);
  let changed = false;
  const out = entries.map(([key, item]) => {
    if (key.length > LEAD_LIMITS.fieldNameChars)
      throw new LimitExceeded(
        `a field name of ${key.length} characters ("${clip(key)}"); at most ${LEAD_LIMITS.fieldNameChars} are accepted`,
      );
    const name = cleanText(key, repairs);
    const cleaned = walk(item, depth + 1, repairs, path ? `${path}.${name}` : name);
    if (name !== key || cleaned !== item) changed = true;
    return [name, cleaned] as const;
  });
  // fromEntries defines "__proto__" as a plain field, as JSON.parse did, instead of setting the prototype.
  return changed ? Object.fromEntries(out) : value;
}

/**
 * One lead's fields with their text repaired (NUL and lone surrogates), or the reason the lead is refused: nesting,
 * field count, name or value length over LEAD_LIMITS. The same object comes back when nothing needed repair.
 */
export function checkLeadFields(fields: Record<string, unknown>, repairs: Repairs): CheckedFields {
  try {
    return { ok: true, fields: walk(fields, 1, repairs, "") as Record<string, unknown> };
  } catch (err) {
    if (err instanceof LimitExceeded) return { ok: false, reason: `Refused: ${err.message}.` };
    throw err;
  }
}

/** A CRM id as stored and answered: repaired, and cut to LEAD_LIMITS.idChars when it is over (the lead is refused then). */
export function boundedId(id: string | null, repairs: Repairs): { id: string | null; tooLong: boolean } {
  if (id === null) return { id, tooLong: false };
  const clean = cleanText(id, repairs);
  if (clean.length <= LEAD_LIMITS.idChars) return { id: clean, tooLong: false };
  return { id: `${clean.slice(0, LEAD_LIMITS.idChars)}…`, tooLong: true };
}
