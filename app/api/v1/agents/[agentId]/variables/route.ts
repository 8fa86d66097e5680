// GET|PUT /api/v1/agents/:agentId/variables – an agent's Variable Source: CRM field → agent variable, in order
import { readJson } from "@/lib/http/body";
import { withOrg } from "@/lib/http/route";
import { listVariables, replaceVariables } from "@/lib/variables/queries";
import { variableListSchema } from "@/lib/variables/schema";

export const GET = withOrg(async ({ orgId, params }) => Response.json({ variables: await listVariables(orgId, params.agentId!) }));

export const PUT = withOrg(
  async ({ req, orgId, params }) => {
    const body = await readJson(req);
    const list = variableListSchema.parse(Array.isArray(body) ? body : (body as { variables?: unknown })?.variables);
    return Response.json({ variables: await replaceVariables(orgId, params.agentId!, list) });
  },
  { adminOnly: true },
);
