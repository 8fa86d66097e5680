// POST /api/v1/agents/:agentId/variables/preview – resolve an unsaved variable list against a sample lead, as the webhook would
import { readJson } from "@/lib/http/body";
import { withOrg } from "@/lib/http/route";
import { previewVariables } from "@/lib/variables/preview";
import { variablePreviewSchema } from "@/lib/variables/schema";

export const POST = withOrg(
  async ({ req, orgId, params }) => {
    const input = variablePreviewSchema.parse(await readJson(req));
    return Response.json(await previewVariables(orgId, params.agentId!, input));
  },
  { adminOnly: true },
);
