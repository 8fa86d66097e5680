// GET /api/v1/calls/:callId/crm-writes – the call's write-back to the CRM: each write's state and reason
import { listCallWrites } from "@/lib/crm-writes/queries";
import { withOrg } from "@/lib/http/route";

export const GET = withOrg(async ({ orgId, params }) => Response.json({ writes: await listCallWrites(orgId, params.callId!) }));
