// GET /api/v1/lead-sync/jobs/:jobId – one sync job: the source's request (redacted), each lead's API call, answer and error
import { withLeadSync } from "@/lib/lead-sync/access-route";
import { getJob } from "@/lib/lead-sync/queries";

export const GET = withLeadSync(async ({ orgId, params }) => Response.json({ job: await getJob(orgId, params.jobId!) }));
