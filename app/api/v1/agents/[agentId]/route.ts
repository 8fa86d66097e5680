// GET|PATCH|DELETE /api/v1/agents/:agentId – one agent: read, change, delete (refused while it has open calls; its past calls stay)
import { deleteAgent, findAgent, presentAgent, presentAgentTo, updateAgent } from "@/lib/agents/queries";
import { agentUpdateSchema } from "@/lib/agents/schema";
import { readJson } from "@/lib/http/body";
import { withOrg } from "@/lib/http/route";

export const GET = withOrg(async ({ orgId, params, caller }) =>
  Response.json({ agent: presentAgentTo(caller, presentAgent(await findAgent(orgId, params.agentId!))) }),
);

export const PATCH = withOrg(
  async ({ req, orgId, params }) => {
    const agent = await updateAgent(orgId, params.agentId!, agentUpdateSchema.parse(await readJson(req)));
    return Response.json({ agent });
  },
  { adminOnly: true },
);

export const DELETE = withOrg(
  async ({ orgId, params }) => {
    await deleteAgent(orgId, params.agentId!);
    return new Response(null, { status: 204 });
  },
  { adminOnly: true },
);
