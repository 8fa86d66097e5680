// GET|POST /api/v1/api-keys – list the organisation's keys; create one (the full key is in this answer only)
import { createApiKey, listApiKeys } from "@/lib/api-keys/queries";
import { createApiKeySchema } from "@/lib/api-keys/schema";
import { readJson } from "@/lib/http/body";
import { withOrg } from "@/lib/http/route";

const access = { via: ["session" as const], adminOnly: true };

export const GET = withOrg(async ({ orgId }) => Response.json({ apiKeys: await listApiKeys(orgId) }), access);

export const POST = withOrg(async ({ req, orgId, caller }) => {
  const input = createApiKeySchema.parse(await readJson(req));
  const created = await createApiKey({ orgId, name: input.name, createdById: caller.via === "session" ? caller.user.id : undefined });
  return Response.json(created, { status: 201 });
}, access);
