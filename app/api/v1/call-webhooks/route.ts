// GET /api/v1/call-webhooks – the organisation's call-ended webhook endpoints (its own and its agents')
import { listCallWebhooks } from "@/lib/call-webhooks/queries";
import { withOrg } from "@/lib/http/route";

export const GET = withOrg(async ({ orgId }) => Response.json({ endpoints: await listCallWebhooks(orgId) }), { adminOnly: true });
