// PUT /api/v1/lead-sync/access/members/:memberId – turn one member's own Lead Sync grant on or off (admins)
import { readJson } from "@/lib/http/body";
import { withOrg } from "@/lib/http/route";
import { leadSyncGrantSchema } from "@/lib/lead-sync/dashboard-schema";
import { setLeadSyncUserGrant } from "@/lib/lead-sync/access";

export const PUT = withOrg(
  async ({ req, orgId, params }) => {
    const { granted } = leadSyncGrantSchema.parse(await readJson(req));
    return Response.json({ access: await setLeadSyncUserGrant(orgId, params.memberId!, granted) });
  },
  { adminOnly: true },
);
