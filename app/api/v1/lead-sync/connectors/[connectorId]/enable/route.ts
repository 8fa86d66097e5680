// POST /api/v1/lead-sync/connectors/:connectorId/enable – turn the sync on: leads the source posts are synced
import { withLeadSync } from "@/lib/lead-sync/access-route";
import { connectorView } from "@/lib/lead-sync/dashboard";
import { setConnectorEnabled } from "@/lib/lead-sync/queries";

export const POST = withLeadSync(async ({ orgId, params }) => {
  await setConnectorEnabled(orgId, params.connectorId!, true);
  return Response.json({ connector: await connectorView(orgId, params.connectorId!) });
});
