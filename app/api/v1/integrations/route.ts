// GET /api/v1/integrations – connected CRMs with status and the last four characters of each secret
import { withOrg } from "@/lib/http/route";
import { listIntegrations } from "@/lib/integrations/queries";

export const GET = withOrg(async ({ orgId }) => Response.json({ integrations: await listIntegrations(orgId) }), { adminOnly: true });
