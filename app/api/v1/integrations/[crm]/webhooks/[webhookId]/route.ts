// PUT|DELETE /api/v1/integrations/leadsquared/webhooks/:id – update it in LeadSquared; forget it in Leadline (LeadSquared's API cannot delete)
import { leadSquaredWebhookSchema } from "@/lib/crm/leadsquared/webhook-schema";
import { leadSquaredOnly } from "@/lib/crm-webhooks/route-helpers";
import { forgetLeadSquaredWebhook, updateLeadSquaredWebhook } from "@/lib/crm-webhooks/leadsquared";
import { readJson } from "@/lib/http/body";
import { withOrg } from "@/lib/http/route";

export const PUT = withOrg(
  async ({ req, orgId, params }) => {
    leadSquaredOnly(params.crm);
    const values = leadSquaredWebhookSchema.parse(await readJson(req));
    return Response.json({ webhook: await updateLeadSquaredWebhook({ orgId, id: params.webhookId!, values }) });
  },
  { adminOnly: true },
);

export const DELETE = withOrg(
  async ({ orgId, params }) => {
    leadSquaredOnly(params.crm);
    await forgetLeadSquaredWebhook(orgId, params.webhookId!);
    return new Response(null, { status: 204 });
  },
  { adminOnly: true },
);
