// POST /api/v1/deliveries/:deliveryId/replay – run a stored delivery again after its cause was fixed
import { findDelivery, replayDelivery } from "@/lib/deliveries/queries";
import { withOrg } from "@/lib/http/route";

export const POST = withOrg(
  async ({ orgId, params }) => {
    const outcome = await replayDelivery(orgId, params.deliveryId!);
    return Response.json({ delivery: await findDelivery(orgId, outcome.deliveryId), leads: outcome.leads });
  },
  { adminOnly: true },
);
