// POST /api/v1/lead-sync/connectors/:connectorId/secret – a new webhook secret: the old URL is refused from now on
import { withLeadSync } from "@/lib/lead-sync/access-route";
import { connectorView } from "@/lib/lead-sync/dashboard";
import { rotateConnectorSecret } from "@/lib/lead-sync/queries";

export const POST = withLeadSync(async ({ orgId, params }) => {
  await rotateConnectorSecret(orgId, params.connectorId!);
  return Response.json({ connector: await connectorView(orgId, params.connectorId!) });
});
