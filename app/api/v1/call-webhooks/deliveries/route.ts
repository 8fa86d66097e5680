// GET /api/v1/call-webhooks/deliveries?status=&scope= – the call-ended webhook's posts, newest first
import { listCallWebhookDeliveries } from "@/lib/call-webhooks/deliveries";
import { callWebhookDeliveryFilterSchema } from "@/lib/call-webhooks/schema";
import { withOrg } from "@/lib/http/route";

export const GET = withOrg(
  async ({ req, orgId }) => {
    const filter = callWebhookDeliveryFilterSchema.parse(Object.fromEntries(new URL(req.url).searchParams));
    return Response.json({ deliveries: await listCallWebhookDeliveries(orgId, filter) });
  },
  { adminOnly: true },
);
