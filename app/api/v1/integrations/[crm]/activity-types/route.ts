// GET /api/v1/integrations/leadsquared/activity-types – the connected account's activity types, for write-back
import { leadSquaredActivityTypes } from "@/lib/crm-writes/agent-settings";
import { ApiError } from "@/lib/http/errors";
import { withOrg } from "@/lib/http/route";
import { crmOfParam } from "@/lib/crm/crms";

export const GET = withOrg(
  async ({ orgId, params }) => {
    if (crmOfParam(params.crm) !== "leadsquared")
      throw new ApiError(404, "not_found", "Activity types are LeadSquared's; HubSpot logs calls as call engagements.");
    return Response.json({ activityTypes: await leadSquaredActivityTypes(orgId) });
  },
  { adminOnly: true },
);
