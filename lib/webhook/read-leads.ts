import "server-only";
import { hubSpotEventAction, parseHubSpotEvents } from "@/lib/crm/hubspot/events";
import { leadSquaredEventDecision } from "@/lib/crm/leadsquared/event-filter";
import { parseLeadSquaredBody } from "@/lib/crm/leadsquared/lead-body";
import { callEventsParamSchema } from "@/lib/crm/leadsquared/webhook-schema";
import { ApiError } from "@/lib/http/errors";
import { hubSpotDedupeKey, leadSquaredDedupeKey } from "@/lib/webhook/dedupe-key";
import type { IncomingLead } from "@/lib/webhook/ingest";

const STATUS = { unsupported_media_type: 415, malformed: 400, empty: 400 } as const;

/** The leads a CRM's body carries, each with its de-duplication key; a body that cannot be read is a 4xx. */
export function readLeads(
  crm: "leadsquared" | "hubspot",
  agentId: string,
  raw: string,
  contentType: string | null,
  query: URLSearchParams,
): { leads: IncomingLead[]; eventType: string | null } {
  if (crm === "leadsquared") {
    const body = parseLeadSquaredBody({ raw, contentType, query });
    if (!body.ok)
      throw new ApiError(
        STATUS[body.kind],
        body.kind === "unsupported_media_type" ? "unsupported_media_type" : "invalid_body",
        body.message,
      );
    const callEvents = callEventsParamSchema.parse(query.get("events") ?? undefined);
    return {
      eventType: body.leads[0]?.eventType ?? query.get("eventType"),
      leads: body.leads.map((lead) => {
        const decision = leadSquaredEventDecision(lead.eventType, callEvents);
        const ignored = decision.call ? {} : { ignoredReason: decision.reason };
        return { crmLeadId: lead.leadId, dedupeKey: leadSquaredDedupeKey(agentId, lead), fields: lead.fields, ...ignored };
      }),
    };
  }
  const body = parseHubSpotEvents(raw);
  if (!body.ok) throw new ApiError(STATUS[body.kind], "invalid_body", body.message);
  const leads: IncomingLead[] = body.events.map((event) => {
    const action = hubSpotEventAction(event);
    return {
      crmLeadId: event.objectId,
      eventId: event.eventId,
      dedupeKey: hubSpotDedupeKey(agentId, event),
      fields: {},
      ...(action.action === "ignore" ? { ignoredReason: action.reason } : {}),
    };
  });
  for (const bad of body.invalid) {
    leads.push({
      crmLeadId: null,
      ...(bad.eventId ? { eventId: bad.eventId } : {}),
      dedupeKey: `${agentId}:hubspot:invalid:${bad.index}`,
      fields: {},
      rejectedReason: bad.message,
    });
  }
  return { eventType: body.events[0]?.subscriptionType ?? null, leads };
}
