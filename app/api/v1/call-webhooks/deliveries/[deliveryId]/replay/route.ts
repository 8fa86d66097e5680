// POST /api/v1/call-webhooks/deliveries/:deliveryId/replay – send a call-ended event again, freshly signed
import { replayCallWebhookDelivery } from "@/lib/call-webhooks/deliveries";
import { withOrg } from "@/lib/http/route";

export const POST = withOrg(
  async ({ orgId, params }) => Response.json({ delivery: await replayCallWebhookDelivery(orgId, params.deliveryId!) }),
  { adminOnly: true },
);
