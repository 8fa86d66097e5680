import "server-only";
import { CRM_BUDGETS } from "@/lib/crm/rate-budget";
import { db } from "@/lib/db";
import { readCache } from "@/lib/db/read-cache";
import type { CrmType, Integration } from "@/lib/generated/prisma/client";
import { hubSpotClientFor, leadSquaredClientFor } from "@/lib/integrations/queries";
import { CRM_NAMES } from "@/lib/crm/crms";
import { BULK_MAX_ACTIVITIES, type NewActivity } from "@/lib/crm/leadsquared/client";
import { WriteRefused } from "../errors";
import type {
  HubSpotCallPayload,
  HubSpotContactUpdatePayload,
  LeadSquaredActivityPayload,
  LeadSquaredLeadUpdatePayload,
} from "../outcome-writes";
import type { BulkHandler, CrmWrite, WriteHandler } from "../types";

// Nothing is kept (ttl 0): a drain pass's handlers for one account read its integration at once and share that one
// read, so they reach the account's budget together and reserve their slots in one statement (rate-budget.ts).
const integrations = readCache<string, Integration>({ ttlMs: 0 });

/** The row's integration, read now (credentials may have changed since it was queued), in its own organisation. */
async function integrationOf(write: CrmWrite, crm: CrmType) {
  const { integrationId } = write.payload as { integrationId: string };
  const integration = await integrations.get(`${integrationId} ${write.orgId} ${crm}`, () =>
    db.integration.findFirst({ where: { id: integrationId, orgId: write.orgId, crm } }),
  );
  if (!integration) throw new WriteRefused(`${CRM_NAMES[crm]} is no longer connected; connect it again under Integrations, then retry.`);
  return integration;
}

const activityOf = (write: CrmWrite): NewActivity => {
  const p = write.payload as LeadSquaredActivityPayload;
  return { leadId: p.leadId, activityEvent: p.activityEvent, note: p.note, at: new Date(p.at) };
};

// Each handler spends one call of its account's budget per request; the budget lives in Postgres, so every process
// draining writes for the account shares it (lib/crm/rate-budget.ts). Writes keep the budget's 250 ms margin like every
// other LeadSquared call: a request leaves within 125 ms of its slot or moves it, and a late answer moves its slot.
export const postLeadSquaredActivity: WriteHandler = async (write, ctx) => {
  const client = leadSquaredClientFor(await integrationOf(write, "leadsquared"), ctx.limiter(CRM_BUDGETS.leadSquared));
  const { id } = await client.postActivity(activityOf(write));
  return { response: { status: 200, call: "ProspectActivity.svc/Create", activityId: id } };
};

/**
 * Up to 25 activities of one account in one Bulk/CustomActivity/Add/ByLeadId call, paced by the account's bulk budget
 * (shared with Lead Sync's bulk calls), while the drain's other rows use the single budget. An activity LeadSquared
 * refused inside the answer fails (or, held back by the limit, retries) alone.
 */
export const postLeadSquaredActivities: BulkHandler = {
  maxPerCall: BULK_MAX_ACTIVITIES,
  singlesPerWindow: CRM_BUDGETS.leadSquared.limit,
  async send(writes, ctx) {
    // One account is one integration (`leadsquared:<integrationId>`), so the first row's stands for all.
    const client = leadSquaredClientFor(await integrationOf(writes[0]!, "leadsquared"), ctx.limiter(CRM_BUDGETS.leadSquaredBulk));
    const results = await client.postActivitiesBulk(writes.map(activityOf));
    return results.map((r) =>
      "id" in r ? { response: { status: 200, call: "ProspectActivity.svc/Bulk/CustomActivity/Add/ByLeadId", activityId: r.id } } : r,
    );
  },
};

export const updateLeadSquaredLead: WriteHandler = async (write, ctx) => {
  const p = write.payload as LeadSquaredLeadUpdatePayload;
  const client = leadSquaredClientFor(await integrationOf(write, "leadsquared"), ctx.limiter(CRM_BUDGETS.leadSquared));
  await client.updateLead(
    p.leadId,
    p.fields.map((f) => ({ Attribute: f.attribute, Value: f.value })),
  );
  return { response: { status: 200, call: "LeadManagement.svc/Lead.Update", fields: p.fields.map((f) => f.attribute) } };
};

export const createHubSpotCall: WriteHandler = async (write, ctx) => {
  const p = write.payload as HubSpotCallPayload;
  const client = hubSpotClientFor(await integrationOf(write, "hubspot"));
  await ctx.limiter(CRM_BUDGETS.hubSpotBurst).acquire();
  const { id } = await client.createCallEngagement({ ...p, at: new Date(p.at) });
  return { response: { status: 201, call: "POST /crm/v3/objects/calls", engagementId: id } };
};

export const updateHubSpotContact: WriteHandler = async (write, ctx) => {
  const p = write.payload as HubSpotContactUpdatePayload;
  const client = hubSpotClientFor(await integrationOf(write, "hubspot"));
  await ctx.limiter(CRM_BUDGETS.hubSpotBurst).acquire();
  await client.updateContact(p.contactId, p.properties);
  return { response: { status: 200, call: "PATCH /crm/v3/objects/contacts", properties: Object.keys(p.properties) } };
};
