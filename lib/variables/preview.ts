import "server-only";
import { findAgent } from "@/lib/agents/queries";
import { crmErrorToApiError } from "@/lib/crm/field-cache";
import type { Crm } from "@/lib/crm/crms";
import { db } from "@/lib/db";
import { ApiError } from "@/lib/http/errors";
import { CrmError } from "@/lib/http/fetch-json";
import { findIntegration, hubSpotClientFor } from "@/lib/integrations/queries";
import { agentZone } from "@/lib/schedule/agent-defaults";
import { resolveVariables } from "@/lib/variables/map";
import { readSampleLead } from "@/lib/variables/sample-lead";
import type { VariableList } from "@/lib/variables/schema";

type PreviewInput = { variables: VariableList; crm: Crm; sample: string };

/** A HubSpot body only names the contact; the webhook reads its properties from HubSpot, and so does the preview. */
async function hubSpotContact(orgId: string, contactId: string, properties: string[]): Promise<Record<string, unknown>> {
  const integration = await findIntegration(orgId, "hubspot");
  if (!integration)
    throw new ApiError(
      409,
      "not_connected",
      "This HubSpot event names a contact; connect HubSpot under Integrations to read its properties, or paste the properties as JSON.",
    );
  try {
    const { contacts } = await hubSpotClientFor(integration).batchReadContacts([contactId], properties);
    if (!contacts[0])
      throw new ApiError(422, "unknown_contact", `HubSpot has no contact ${contactId}.`, [
        { field: "sample", message: `HubSpot has no contact ${contactId}.` },
      ]);
    return contacts[0].properties;
  } catch (err) {
    throw err instanceof CrmError ? crmErrorToApiError(err) : err;
  }
}

/** What the webhook would make of a sample lead with this (unsaved) list: the same resolver, the agent's settings. */
export async function previewVariables(orgId: string, agentId: string, input: PreviewInput) {
  const agent = await findAgent(orgId, agentId);
  const org = await db.organization.findUniqueOrThrow({ where: { id: orgId }, select: { defaultCountryCode: true, timezone: true } });
  const sample = readSampleLead(input.sample);
  if (sample.kind === "unreadable")
    throw new ApiError(400, "invalid_sample", sample.message, [{ field: "sample", message: sample.message }]);
  const lead =
    sample.kind === "lead"
      ? sample.fields
      : await hubSpotContact(
          orgId,
          sample.contactId,
          input.variables.map((v) => v.field),
        );
  const resolved = resolveVariables({
    lead,
    variables: input.variables,
    defaultCountryCode: org.defaultCountryCode,
    phoneVariable: agent.phoneVariable,
    timeZone: agentZone(agent, org),
    source: input.crm,
  });
  return { lead, phoneVariable: agent.phoneVariable, ...resolved };
}
