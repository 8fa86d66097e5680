// DELETE /api/v1/api-keys/:keyId – revoke a key; it stops working at once and stays listed as revoked
import { revokeApiKey } from "@/lib/api-keys/queries";
import { withOrg } from "@/lib/http/route";

export const DELETE = withOrg(async ({ orgId, params }) => Response.json({ apiKey: await revokeApiKey(orgId, params.keyId!) }), {
  via: ["session"],
  adminOnly: true,
});
