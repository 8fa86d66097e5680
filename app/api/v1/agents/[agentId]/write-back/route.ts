// GET|PUT /api/v1/agents/:agentId/write-back – what this agent's call outcomes write to the CRM
import { getWriteBack, saveWriteBack } from "@/lib/crm-writes/agent-settings";
import { writeBackSchema } from "@/lib/crm-writes/settings";
import { readJson } from "@/lib/http/body";
import { withOrg } from "@/lib/http/route";

export const GET = withOrg(async ({ orgId, params }) => Response.json({ writeBack: await getWriteBack(orgId, params.agentId!) }));

export const PUT = withOrg(
  async ({ req, orgId, params }) => {
    const settings = writeBackSchema.parse(await readJson(req));
    return Response.json({ writeBack: await saveWriteBack(orgId, params.agentId!, settings) });
  },
  { adminOnly: true },
);
