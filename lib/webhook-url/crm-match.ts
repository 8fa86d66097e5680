import { type Crm, CRM_NAMES } from "@/lib/crm/crms";
/**
 * Why the chosen CRM's leads could not be called with these variables, or null. Variables read one CRM each, so a
 * HubSpot URL for an agent mapped to LeadSquared fields is accepted and then fails for want of a phone number.
 */
export function crmMismatch(input: {
  crm: Crm;
  variables: readonly { name: string; source: Crm }[];
  phoneVariable: string;
}): string | null {
  const { crm, variables, phoneVariable } = input;
  if (variables.length === 0) return null;
  if (variables.some((v) => v.name === phoneVariable && v.source === crm)) return null;
  const other = variables.find((v) => v.source !== crm)?.source;
  const chosen = CRM_NAMES[crm];
  if (!variables.some((v) => v.source === crm) && other) {
    return `Every variable of this agent reads ${CRM_NAMES[other]} fields, so a ${chosen} lead would arrive with no number to call and fail. Map ${chosen} fields under Variable Source, or choose ${CRM_NAMES[other]} here.`;
  }
  return `No ${chosen} variable is named "${phoneVariable}", so a ${chosen} lead would have no number to call. Add one under Variable Source.`;
}
