import { eventByName, eventBySlug, type LeadSquaredEventSlug } from "./webhook-events";

export type EventDecision = { call: true } | { call: false; reason: string };

/**
 * Whether a LeadSquared post places a call, from the `eventType` LeadSquared appends to the URL (seed 002) and the
 * URL's `events=` list. A post without an eventType calls: only LeadSquared's webhooks append one, and automations,
 * Leadline's own test lead and hand-made posts were sent on purpose.
 */
export function leadSquaredEventDecision(eventType: string | null | undefined, callEvents: readonly LeadSquaredEventSlug[]): EventDecision {
  if (!eventType?.trim()) return { call: true };
  const event = eventByName(eventType.trim());
  if (event && callEvents.includes(event.slug)) return { call: true };
  const calling = callEvents.map((slug) => eventBySlug(slug)?.label ?? slug).join(", ");
  const what = event ? `“${event.label}” (${eventType})` : `${eventType}`;
  return {
    call: false,
    reason: `Ignored: ${what} does not place calls on this URL, which calls on ${calling}. Add ${event ? event.slug : "the event"} to events= in the webhook URL to call on it.`,
  };
}
