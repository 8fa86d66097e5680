// POST /api/v1/calls/:callId/retry – dial a failed call once more, now
import { presentCall, retryCallNow } from "@/lib/calls/queries";
import { withOrg } from "@/lib/http/route";

export const POST = withOrg(
  async ({ orgId, params }) => {
    const task = await retryCallNow(orgId, params.callId!);
    return Response.json({ call: presentCall(task, task.attempts) });
  },
  { adminOnly: true },
);
