// POST /api/v1/calls/:callId/cancel – stop a scheduled call before it dials
import { cancelCall, presentCall } from "@/lib/calls/queries";
import { withOrg } from "@/lib/http/route";

export const POST = withOrg(
  async ({ orgId, params }) => {
    const task = await cancelCall(orgId, params.callId!);
    return Response.json({ call: presentCall(task, task.attempts) });
  },
  { adminOnly: true },
);
