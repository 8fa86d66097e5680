// POST /api/v1/agents/:agentId/test-lead – post a sample lead through this agent's webhook URL and return the webhook's answer
import { readJson } from "@/lib/http/body";
import { withOrg } from "@/lib/http/route";
import { testLeadSchema } from "@/lib/test-lead/schema";
import { sendTestLead } from "@/lib/test-lead/send";

export const POST = withOrg(
  async ({ req, orgId, params }) => {
    const input = testLeadSchema.parse(await readJson(req));
    return Response.json(await sendTestLead(orgId, params.agentId!, input));
  },
  { adminOnly: true },
);
