// POST /api/v1/calls/:callId/crm-writes/:writeId/retry – send a failed write-back again, now
import { retryCallWrite } from "@/lib/crm-writes/queries";
import { withOrg } from "@/lib/http/route";

export const POST = withOrg(
  async ({ orgId, params }) => Response.json({ write: await retryCallWrite(orgId, params.callId!, params.writeId!) }),
  { adminOnly: true },
);
