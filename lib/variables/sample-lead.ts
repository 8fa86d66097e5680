import { parseLeadSquaredBody } from "@/lib/crm/leadsquared/lead-body";

export type SampleLead =
  | { kind: "lead"; fields: Record<string, unknown> }
  /** A HubSpot webhook body: it names a contact, whose properties live in HubSpot. */
  | { kind: "hubspot_contact"; contactId: string }
  | { kind: "unreadable"; message: string };

/**
 * Reads a pasted sample or a stored delivery body the way the webhook reads LeadSquared bodies (JSON object, array
 * or key=value pairs); the first lead counts. A HubSpot event array is recognised by its subscriptionType.
 */
export function readSampleLead(text: string): SampleLead {
  if (!text.trim())
    return { kind: "unreadable", message: 'Paste a sample lead as JSON, e.g. {"FirstName": "Asha", "Phone": "9876543210"}.' };
  const body = parseLeadSquaredBody({ raw: text, contentType: null, query: new URLSearchParams() });
  if (!body.ok) return { kind: "unreadable", message: body.message };
  const fields = body.leads[0]!.fields;
  const objectId = fields.objectId;
  if (typeof fields.subscriptionType === "string" && (typeof objectId === "string" || typeof objectId === "number")) {
    return { kind: "hubspot_contact", contactId: String(objectId) };
  }
  return { kind: "lead", fields };
}
