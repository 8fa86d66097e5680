// GET|POST /api/v1/lead-sync/connectors – the organisation's Lead Sync connectors; create one (both accounts are checked)
import { readJson } from "@/lib/http/body";
import { withLeadSync } from "@/lib/lead-sync/access-route";
import { connectorView, connectorViews } from "@/lib/lead-sync/dashboard";
import { createConnector } from "@/lib/lead-sync/queries";
import { leadSyncConnectorInputSchema } from "@/lib/lead-sync/schema";

export const GET = withLeadSync(async ({ orgId }) => Response.json({ connectors: await connectorViews(orgId) }));

export const POST = withLeadSync(async ({ req, orgId, caller }) => {
  const input = leadSyncConnectorInputSchema.parse(await readJson(req));
  const { connector } = await createConnector(orgId, caller.via === "session" ? caller.user.id : null, input);
  return Response.json({ connector: await connectorView(orgId, connector.id) }, { status: 201 });
});
