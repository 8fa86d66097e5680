import "server-only";
import { forgetCachedAgent } from "@/lib/agents/queries";
import { db } from "@/lib/db";
import { ApiError } from "@/lib/http/errors";
import { CrmError } from "@/lib/http/fetch-json";
import { crmErrorToApiError } from "@/lib/crm/field-cache";
import { findIntegration, leadSquaredClientFor } from "@/lib/integrations/queries";
import { readWriteBack, type NewActivityType, type WriteBackSettings } from "./settings";

async function agentOf(orgId: string, agentId: string) {
  const agent = await db.agent.findFirst({ where: { id: agentId, orgId }, select: { id: true, writeBack: true } });
  if (!agent) throw new ApiError(404, "not_found", `No agent ${agentId} in your organisation.`);
  return agent;
}

export async function getWriteBack(orgId: string, agentId: string): Promise<WriteBackSettings> {
  return readWriteBack((await agentOf(orgId, agentId)).writeBack);
}

export async function saveWriteBack(orgId: string, agentId: string, settings: WriteBackSettings): Promise<WriteBackSettings> {
  await agentOf(orgId, agentId);
  await db.agent.updateMany({ where: { id: agentId, orgId }, data: { writeBack: settings } });
  forgetCachedAgent(agentId);
  return settings;
}

/** Whether any agent of the organisation writes back: HubSpot's connect screen then asks for the write scope too. */
export async function anyWriteBack(orgId: string): Promise<boolean> {
  const agents = await db.agent.findMany({ where: { orgId }, select: { writeBack: true } });
  return agents.some((a) => readWriteBack(a.writeBack).mode !== "off");
}

/** The connected LeadSquared account's activity types for the select (ActivityTypes.Get). */
export async function leadSquaredActivityTypes(orgId: string) {
  return withLeadSquared(orgId, (client) => client.activityTypes());
}

/** Creates an activity type for call outcomes in the connected LeadSquared account (ProspectActivity.svc/CreateType). */
export async function createLeadSquaredActivityType(orgId: string, input: NewActivityType) {
  return withLeadSquared(orgId, (client) =>
    client.createActivityType({ name: input.name, description: "Outbound AI voice calls placed by Leadline: outcome, attempt and call." }),
  );
}

async function withLeadSquared<T>(orgId: string, run: (client: ReturnType<typeof leadSquaredClientFor>) => Promise<T>): Promise<T> {
  const integration = await findIntegration(orgId, "leadsquared");
  if (!integration)
    throw new ApiError(
      409,
      "not_connected",
      "LeadSquared is not connected. Connect it under Integrations first, then choose an activity type.",
    );
  try {
    return await run(leadSquaredClientFor(integration));
  } catch (err) {
    throw err instanceof CrmError ? crmErrorToApiError(err) : err;
  }
}
