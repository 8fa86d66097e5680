// GET|PUT|DELETE /api/v1/call-webhooks/:scope – the organisation's ("org") or one agent's call-ended webhook
import { deleteCallWebhook, getCallWebhook, saveCallWebhook } from "@/lib/call-webhooks/queries";
import { callWebhookScopeSchema, callWebhookSettingsSchema } from "@/lib/call-webhooks/schema";
import { readJson } from "@/lib/http/body";
import { withOrg } from "@/lib/http/route";

const admin = { adminOnly: true };

export const GET = withOrg(
  async ({ orgId, params }) => Response.json({ endpoint: await getCallWebhook(orgId, callWebhookScopeSchema.parse(params.scope)) }),
  admin,
);

// The secret is in the answer only when this call created the endpoint.
export const PUT = withOrg(async ({ req, orgId, params }) => {
  const scope = callWebhookScopeSchema.parse(params.scope);
  const saved = await saveCallWebhook(orgId, scope, callWebhookSettingsSchema.parse(await readJson(req)));
  return Response.json(saved, { status: saved.secret ? 201 : 200 });
}, admin);

export const DELETE = withOrg(async ({ orgId, params }) => {
  await deleteCallWebhook(orgId, callWebhookScopeSchema.parse(params.scope));
  return new Response(null, { status: 204 });
}, admin);
