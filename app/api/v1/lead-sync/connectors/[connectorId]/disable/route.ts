// POST /api/v1/lead-sync/connectors/:connectorId/disable – turn the sync off: what the source posts is no longer synced
import { withLeadSync } from "@/lib/lead-sync/access-route";
import { connectorView } from "@/lib/lead-sync/dashboard";
import { setConnectorEnabled } from "@/lib/lead-sync/queries";

export const POST = withLeadSync(async ({ orgId, params }) => {
  await setConnectorEnabled(orgId, params.connectorId!, false);
  return Response.json({ connector: await connectorView(orgId, params.connectorId!) });
});
