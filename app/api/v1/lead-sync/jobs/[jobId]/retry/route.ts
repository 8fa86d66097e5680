// POST /api/v1/lead-sync/jobs/:jobId/retry – run a failed job again with the connector's current mapping
import { withLeadSync } from "@/lib/lead-sync/access-route";
import { getJob, retryJob } from "@/lib/lead-sync/queries";

export const POST = withLeadSync(async ({ orgId, params }) => {
  await retryJob(orgId, params.jobId!);
  return Response.json({ job: await getJob(orgId, params.jobId!) });
});
