// GET|POST /api/v1/agents – the organisation's call agents; create one
import { createAgent, listAgents, presentAgentTo } from "@/lib/agents/queries";
import { agentInputSchema } from "@/lib/agents/schema";
import { readJson } from "@/lib/http/body";
import { withOrg } from "@/lib/http/route";

export const GET = withOrg(async ({ orgId, caller }) =>
  Response.json({ agents: (await listAgents(orgId)).map((agent) => presentAgentTo(caller, agent)) }),
);

export const POST = withOrg(
  async ({ req, orgId }) => {
    const agent = await createAgent(orgId, agentInputSchema.parse(await readJson(req)));
    return Response.json({ agent }, { status: 201 });
  },
  { adminOnly: true },
);
