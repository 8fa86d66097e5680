import { createHash } from "node:crypto";
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
