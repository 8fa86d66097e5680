// POST /api/v1/call-webhooks/:scope/secret – a new signing secret, shown this once; the old one stops at once
import { rotateCallWebhookSecret } from "@/lib/call-webhooks/queries";
import { callWebhookScopeSchema } from "@/lib/call-webhooks/schema";
import { withOrg } from "@/lib/http/route";

export const POST = withOrg(
  async ({ orgId, params }) => Response.json(await rotateCallWebhookSecret(orgId, callWebhookScopeSchema.parse(params.scope))),
  { adminOnly: true },
);
