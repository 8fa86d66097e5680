import { createHash } from "node:crypto";
import type { LeadSquaredLead } from "@/lib/crm/leadsquared/lead-body";
import type { HubSpotEvent } from "@/lib/crm/hubspot/events";
import { cleanText, noRepairs } from "@/lib/webhook/clean-text";

// Legacy contact.* and generic object.* subscriptions announce the same change under two names.
type HubSpotKeyFields = Pick<HubSpotEvent, "portalId" | "objectId" | "objectType" | "change" | "propertyName" | "eventId">;

function hubSpotTrigger(event: HubSpotKeyFields): string {
  const base = `${event.objectType ?? "object"}.${event.change}`;
  return event.propertyName ? `${base}:${event.propertyName}` : base;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

// Parts are percent-encoded, so ":" only ever separates them ("a:b" + "c" and "a" + "b:c" cannot meet), and a long part
// becomes "#" + its SHA-256 ("#" is always encoded otherwise) to keep keys under the unique index's size limit.
const MAX_PART_CHARS = 100;

function keyPart(value: string): string {
  // encodeURIComponent throws on a lone surrogate, which a HubSpot event's text fields may still carry.
  const encoded = encodeURIComponent(cleanText(value, noRepairs()));
  return encoded.length <= MAX_PART_CHARS ? encoded : `#${createHash("sha256").update(value).digest("hex")}`;
}

/** The key from its parts, unambiguously; exported for the table test of collisions. */
export function joinKey(...parts: string[]): string {
  return parts.map(keyPart).join(":");
}

/**
 * One open call per agent and lead, whatever announced it: LeadSquared re-posts the same lead on any non-200 (3 tries),
 * the same lead can reach an agent from a webhook and an automation, and a "Lead create" and a "Lead update" for one
 * lead must not dial twice, so neither the webhook's id nor the event is part of the key.
 * A body with no ProspectID falls back to a hash of its fields, which still catches LeadSquared's identical retries.
 */
export function leadSquaredDedupeKey(agentId: string, lead: Pick<LeadSquaredLead, "leadId" | "fields">): string {
  if (lead.leadId) return joinKey(agentId, "leadsquared", lead.leadId.toLowerCase());
  const digest = createHash("sha256").update(canonicalJson(lead.fields)).digest("hex");
  return joinKey(agentId, "leadsquared", `body-${digest}`);
}

/**
 * Keyed by portal, contact and trigger rather than eventId alone: a retry reuses the eventId, but a contact.creation
 * and an object.creation subscription report the same new contact under two eventIds, and that must not dial twice.
 */
export function hubSpotDedupeKey(agentId: string, event: HubSpotKeyFields): string {
  const object = event.objectId ?? `event-${event.eventId}`;
  return joinKey(agentId, "hubspot", event.portalId, object, hubSpotTrigger(event));
}
