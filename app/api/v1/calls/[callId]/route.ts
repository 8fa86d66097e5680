// GET /api/v1/calls/:callId – one call with every attempt and the reason for each attempt's time
import { findCall, presentCall } from "@/lib/calls/queries";
import { withOrg } from "@/lib/http/route";

export const GET = withOrg(async ({ orgId, params }) => {
  const task = await findCall(orgId, params.callId!);
  return Response.json({ call: presentCall(task, task.attempts) });
});
