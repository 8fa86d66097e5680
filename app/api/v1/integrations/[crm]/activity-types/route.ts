// GET|POST /api/v1/integrations/leadsquared/activity-types – the connected account's activity types for write-back;
// POST creates one
import { createLeadSquaredActivityType, leadSquaredActivityTypes } from "@/lib/crm-writes/agent-settings";
import { newActivityTypeSchema } from "@/lib/crm-writes/settings";
import { readJson } from "@/lib/http/body";
import { ApiError } from "@/lib/http/errors";
import { withOrg } from "@/lib/http/route";
import { crmOfParam } from "@/lib/crm/crms";

function onlyLeadSquared(crm: string | undefined) {
  if (crmOfParam(crm) !== "leadsquared")
    throw new ApiError(404, "not_found", "Activity types are LeadSquared's; HubSpot logs calls as call engagements.");
}

export const GET = withOrg(
  async ({ orgId, params }) => {
    onlyLeadSquared(params.crm);
    return Response.json({ activityTypes: await leadSquaredActivityTypes(orgId) });
  },
  { adminOnly: true },
);

export const POST = withOrg(
  async ({ req, orgId, params }) => {
    onlyLeadSquared(params.crm);
    const input = newActivityTypeSchema.parse(await readJson(req));
    return Response.json({ activityType: await createLeadSquaredActivityType(orgId, input) }, { status: 201 });
  },
  { adminOnly: true },
);
