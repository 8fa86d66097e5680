// PUT|DELETE /api/v1/integrations/:crm – connect LeadSquared or HubSpot (checked with a real API call first); disconnect
import { readJson } from "@/lib/http/body";
import { ApiError } from "@/lib/http/errors";
import { withOrg } from "@/lib/http/route";
import { connectHubSpot, connectLeadSquared, connectSchemas, disconnectIntegration } from "@/lib/integrations/queries";

function crmOf(params: Record<string, string>): "leadsquared" | "hubspot" {
  const crm = params.crm;
  if (crm === "leadsquared" || crm === "hubspot") return crm;
  throw new ApiError(404, "unknown_crm", `Leadline connects leadsquared and hubspot, not ${crm}.`);
}

export const PUT = withOrg(async ({ req, orgId, params }) => {
  const crm = crmOf(params);
  const body = await readJson(req);
  const integration = crm === "leadsquared" ? await connectLeadSquared(orgId, connectSchemas.leadsquared.parse(body)) : await connectHubSpot(orgId, connectSchemas.hubspot.parse(body));
  return Response.json({ integration });
}, { adminOnly: true });

export const DELETE = withOrg(async ({ orgId, params }) => {
  await disconnectIntegration(orgId, crmOf(params));
  return new Response(null, { status: 204 });
}, { adminOnly: true });
