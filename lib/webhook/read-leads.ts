import "server-only";
import type { Crm } from "@/lib/crm/crms";
import { hubSpotEventAction, parseHubSpotEvents } from "@/lib/crm/hubspot/events";
import { leadSquaredDoNotCall } from "@/lib/crm/leadsquared/do-not-call";
import { leadSquaredEventDecision } from "@/lib/crm/leadsquared/event-filter";
import type { LeadSquaredEventSlug } from "@/lib/crm/leadsquared/webhook-events";
import { parseLeadSquaredBody, type LeadSquaredLead } from "@/lib/crm/leadsquared/lead-body";
import { callEventsParamSchema } from "@/lib/crm/leadsquared/webhook-schema";
import { ApiError } from "@/lib/http/errors";
import type { Repairs } from "@/lib/webhook/clean-text";
import { hubSpotDedupeKey, leadSquaredDedupeKey } from "@/lib/webhook/dedupe-key";
import type { IncomingLead } from "@/lib/webhook/ingest";
import { boundedId, checkLeadFields, LEAD_LIMITS } from "@/lib/webhook/lead-check";

const STATUS = { unsupported_media_type: 415, malformed: 400, empty: 400 } as const;

/** A lead refused for its own data: logged and answered with the reason, and its neighbours go on. */
const refusedLead = (crmLeadId: string | null, rejectedReason: string): IncomingLead => ({
  crmLeadId,
  dedupeKey: "",
  fields: {},
  rejectedReason,
});

/** One LeadSquared lead checked on its own: its id and fields bounded and repaired, its DoNotCall flag honoured. */
function readLeadSquaredLead(
  agentId: string,
  lead: LeadSquaredLead,
  callEvents: readonly LeadSquaredEventSlug[],
  repairs: Repairs,
): IncomingLead {
  if (lead.problem) return refusedLead(null, lead.problem);
  const id = boundedId(lead.leadId, repairs);
  if (id.tooLong)
    return refusedLead(
      id.id,
      `Refused: the ProspectID is ${lead.leadId!.length} characters long; at most ${LEAD_LIMITS.idChars} are accepted.`,
    );
  const checked = checkLeadFields(lead.fields, repairs);
  if (!checked.ok) return refusedLead(id.id, checked.reason);
  const clean = { ...lead, leadId: id.id, fields: checked.fields };
  const read = { crmLeadId: id.id, dedupeKey: leadSquaredDedupeKey(agentId, clean), fields: checked.fields };
  // An event this URL does not call for is logged as ignored, whatever the lead holds.
  const decision = leadSquaredEventDecision(lead.eventType, callEvents);
  if (!decision.call) return { ...read, ignoredReason: decision.reason };
  const doNotCall = leadSquaredDoNotCall(checked.fields);
  return doNotCall ? refusedLead(id.id, doNotCall) : read;
}

/** The leads a CRM's body carries, each with its de-duplication key; a body that cannot be read at all is a 4xx. */
export function readLeads(
  crm: Crm,
  agentId: string,
  raw: string,
  contentType: string | null,
  query: URLSearchParams,
  repairs: Repairs,
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
      leads: body.leads.map((lead) => readLeadSquaredLead(agentId, lead, callEvents, repairs)),
    };
  }
  const body = parseHubSpotEvents(raw);
  if (!body.ok) throw new ApiError(STATUS[body.kind], "invalid_body", body.message);
  const leads: IncomingLead[] = body.events.map((event) => {
    const action = hubSpotEventAction(event);
    return {
      crmLeadId: event.objectId,
      eventId: event.eventId,
      portalId: event.portalId,
      dedupeKey: hubSpotDedupeKey(agentId, event),
      fields: {},
      ...(action.action === "ignore" ? { ignoredReason: action.reason } : {}),
    };
  });
  for (const bad of body.invalid) {
    const eventId = boundedId(bad.eventId, repairs).id;
    leads.push({ ...refusedLead(null, bad.message), ...(eventId ? { eventId } : {}) });
  }
  return { eventType: body.events[0]?.subscriptionType ?? null, leads };
}
