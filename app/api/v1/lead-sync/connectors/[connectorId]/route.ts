// GET|PUT|DELETE /api/v1/lead-sync/connectors/:connectorId – one connector: read, replace its configuration, remove it
import { readJson } from "@/lib/http/body";
import { withLeadSync } from "@/lib/lead-sync/access-route";
import { connectorView } from "@/lib/lead-sync/dashboard";
import { deleteConnector, updateConnector } from "@/lib/lead-sync/queries";
import { leadSyncConnectorInputSchema } from "@/lib/lead-sync/schema";

export const GET = withLeadSync(async ({ orgId, params }) => Response.json({ connector: await connectorView(orgId, params.connectorId!) }));

export const PUT = withLeadSync(async ({ req, orgId, params }) => {
  const input = leadSyncConnectorInputSchema.parse(await readJson(req));
  await updateConnector(orgId, params.connectorId!, input);
  return Response.json({ connector: await connectorView(orgId, params.connectorId!) });
});

export const DELETE = withLeadSync(async ({ orgId, params }) => {
  await deleteConnector(orgId, params.connectorId!);
  return Response.json({ removed: params.connectorId });
});
