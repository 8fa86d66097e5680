// PUT|DELETE /api/v1/integrations/:crm – connect LeadSquared or HubSpot (checked with a real API call first, empty secrets keep the stored ones); disconnect
import { readJson } from "@/lib/http/body";
import { withOrg } from "@/lib/http/route";
import { crmOfParam } from "@/lib/crm/crms";
import { connectHubSpot, connectLeadSquared, disconnectIntegration } from "@/lib/integrations/queries";
import { hubSpotConnectSchema, leadSquaredConnectSchema } from "@/lib/integrations/schema";

export const PUT = withOrg(
  async ({ req, orgId, params }) => {
    const crm = crmOfParam(params.crm);
    const body = await readJson(req);
    const integration =
      crm === "leadsquared"
        ? await connectLeadSquared(orgId, leadSquaredConnectSchema.parse(body))
        : await connectHubSpot(orgId, hubSpotConnectSchema.parse(body));
    return Response.json({ integration });
  },
  { adminOnly: true },
);

export const DELETE = withOrg(
  async ({ orgId, params }) => {
    await disconnectIntegration(orgId, crmOfParam(params.crm));
    return new Response(null, { status: 204 });
  },
  { adminOnly: true },
);
