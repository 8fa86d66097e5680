import type { Variable } from "@/lib/variables/schema";

/** Answers in the simulator (its test numbers end 0000–0003), written the way people type it, so formatting shows. */
export const TEST_LEAD_PHONE = "+91 98765 43210";

// A plausible value per kind of field, by name; anything unrecognised gets a labelled placeholder.
const BY_NAME: [RegExp, string][] = [
  [/e-?mail/i, "asha.verma@example.com"],
  [/first/i, "asha"],
  [/last|surname/i, "verma"],
  [/name/i, "asha verma"],
  [/city/i, "Pune"],
  [/company|organi[sz]ation/i, "Acme Realty"],
  [/interest|product/i, "2BHK apartment"],
];

function sampleValue(variable: Variable, isPhone: boolean, today: string): string {
  if (isPhone || variable.format === "phone_e164") return TEST_LEAD_PHONE;
  if (variable.format === "date") return today;
  if (variable.format === "number") return "85,00,000";
  return BY_NAME.find(([pattern]) => pattern.test(variable.field))?.[1] ?? `Test ${variable.field}`;
}

/** A LeadSquared "Lead Created" body carrying every field the agent maps, under the agent's own field names. */
export function sampleLeadSquaredLead(input: {
  variables: readonly Variable[];
  phoneVariable: string;
  leadId: string;
  now: Date;
}): Record<string, string> {
  const today = input.now.toISOString().slice(0, 10);
  const lead: Record<string, string> = { ProspectID: input.leadId };
  for (const v of input.variables.filter((v) => v.source === "leadsquared")) {
    lead[v.field] ??= sampleValue(v, v.name === input.phoneVariable, today);
  }
  // Without a mapped phone the lead would be rejected before the test shows anything else.
  if (!input.variables.some((v) => v.name === input.phoneVariable)) lead.Phone = TEST_LEAD_PHONE;
  return lead;
}

/** HubSpot's webhook body for one new contact: an array of events, as HubSpot posts them. */
export function sampleHubSpotEvents(input: { portalId: string; contactId: string; eventId: string; now: Date }) {
  return [
    {
      eventId: Number(input.eventId),
      subscriptionId: 1,
      portalId: Number(input.portalId),
      appId: 1,
      occurredAt: input.now.getTime(),
      subscriptionType: "contact.creation",
      attemptNumber: 0,
      objectId: Number(input.contactId),
      changeFlag: "CREATED",
      changeSource: "CRM_UI",
    },
  ];
}
