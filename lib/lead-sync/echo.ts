import { createHash } from "node:crypto";
import { convertValue, type DestinationField } from "./convert";
import type { Attribute } from "./map-lead";

/**
 * What a connector wrote, reduced to a comparable fingerprint. A lead written by the A→B sync that comes back through
 * the B→A sync carries the same values; recognising it stops the pair from bouncing the lead forever even when
 * LeadSquared fires a webhook for the connector's own write (Lead.Create always does; Lead.Update only with
 * postUpdatedLead=true, which the connector never sets). Attributes that the receiving side sets itself (Source) and
 * letter case of names do not count.
 */
export function writeFingerprint(attributes: Attribute[], ignore: readonly string[] = ["Source"]): string {
  const skip = new Set(ignore.map((n) => n.toLowerCase()));
  const pairs = attributes
    .filter((a) => !skip.has(a.Attribute.toLowerCase()))
    .map((a) => [a.Attribute.toLowerCase(), a.Value.trim()] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash("sha256").update(JSON.stringify(pairs)).digest("base64url");
}

/**
 * The fingerprint of a lead that arrives from an account, taken over the fields an earlier write into that account
 * set, with each value normalised as that write normalised it (phones to E.164, options to their spelling). Dates are
 * read as UTC, since the write sent UTC and LeadSquared answers in UTC. Equal to the write's fingerprint: an echo.
 */
export function arrivingFingerprint(input: {
  lead: Record<string, unknown>;
  fields: string[];
  accountFields: Map<string, DestinationField>;
  defaultCountryCode: string;
}): string {
  const lower = new Map(Object.entries(input.lead).map(([k, v]) => [k.toLowerCase(), v]));
  const attributes: Attribute[] = input.fields.map((name) => {
    const raw = lower.get(name.toLowerCase());
    const text = raw === null || raw === undefined ? "" : String(raw);
    const field = input.accountFields.get(name.toLowerCase()) ?? { schemaName: name, dataType: "Text" };
    const converted = text.trim()
      ? convertValue(text, field, { defaultCountryCode: input.defaultCountryCode, sourceTimeZone: "UTC" })
      : null;
    return { Attribute: name, Value: converted?.ok ? converted.value : text };
  });
  return writeFingerprint(attributes);
}
