// GET /api/v1/deliveries – every CRM webhook request, newest first (filters, cursor pages)
import { listDeliveries } from "@/lib/deliveries/queries";
import { listDeliveriesQuerySchema } from "@/lib/deliveries/schema";
import { withOrg } from "@/lib/http/route";

export const GET = withOrg(async ({ req, orgId }) => {
  const query = listDeliveriesQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  return Response.json(await listDeliveries(orgId, query));
});
