// GET|POST /api/v1/integrations/leadsquared/webhooks – what Leadline registered in LeadSquared; register one (Create Webhook API)
import { leadSquaredWebhookSchema } from "@/lib/crm/leadsquared/webhook-schema";
import { callerName, leadSquaredOnly } from "@/lib/crm-webhooks/route-helpers";
import { listLeadSquaredWebhooks, registerLeadSquaredWebhook } from "@/lib/crm-webhooks/leadsquared";
import { readJson } from "@/lib/http/body";
import { withOrg } from "@/lib/http/route";

export const GET = withOrg(
  async ({ req, orgId, params }) => {
    leadSquaredOnly(params.crm);
    const agentId = new URL(req.url).searchParams.get("agent_id") ?? undefined;
    return Response.json({ webhooks: await listLeadSquaredWebhooks(orgId, agentId) });
  },
  { adminOnly: true },
);

export const POST = withOrg(
  async ({ req, orgId, params, caller }) => {
    leadSquaredOnly(params.crm);
    const values = leadSquaredWebhookSchema.parse(await readJson(req));
    const webhook = await registerLeadSquaredWebhook({ orgId, createdBy: callerName(caller), values });
    return Response.json({ webhook }, { status: 201 });
  },
  { adminOnly: true },
);
