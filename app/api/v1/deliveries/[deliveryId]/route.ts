// GET /api/v1/deliveries/:deliveryId – one delivery with its redacted body and what became of each lead
import { findDelivery } from "@/lib/deliveries/queries";
import { withOrg } from "@/lib/http/route";

export const GET = withOrg(async ({ orgId, params }) => Response.json({ delivery: await findDelivery(orgId, params.deliveryId!) }));
