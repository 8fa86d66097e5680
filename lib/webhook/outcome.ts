/**
 * What happened to each lead of one delivery; the pure input of the CRM responders.
 * `ignored` is an event that is not a call trigger (e.g. HubSpot contact.deletion): acknowledged, nothing scheduled.
 */
export type LeadOutcomeStatus = "accepted" | "duplicate" | "rejected" | "ignored";

export type LeadOutcome = {
  status: LeadOutcomeStatus;
  /** The CRM's id for the lead: LeadSquared ProspectID, HubSpot contact (object) id; null when the body had none. */
  crmId: string | null;
  /** HubSpot's eventId, so a result can be matched to the event that carried it. */
  eventId?: string;
  /** Why the lead was rejected or ignored, written for the admin reading the CRM's webhook history. */
  reason?: string;
  /** The call created for an accepted lead, or the existing call for a duplicate. */
  callId?: string;
  /** ISO instant of the first dial attempt. */
  firstAttemptAt?: string;
};

export type DeliveryOutcome = {
  deliveryId: string;
  leads: LeadOutcome[];
};

export function countOutcomes(leads: readonly LeadOutcome[]): Record<LeadOutcomeStatus, number> {
  const counts: Record<LeadOutcomeStatus, number> = { accepted: 0, duplicate: 0, rejected: 0, ignored: 0 };
  for (const lead of leads) counts[lead.status] += 1;
  return counts;
}

/** Results as answered to the CRM: only the keys that carry something. */
export function outcomeResults(leads: readonly LeadOutcome[]): Array<Record<string, string | null>> {
  return leads.map((lead) => {
    const result: Record<string, string | null> = { crmId: lead.crmId };
    if (lead.eventId !== undefined) result.eventId = lead.eventId;
    result.status = lead.status;
    if (lead.reason !== undefined) result.reason = lead.reason;
    if (lead.callId !== undefined) result.callId = lead.callId;
    if (lead.firstAttemptAt !== undefined) result.firstAttemptAt = lead.firstAttemptAt;
    return result;
  });
}
