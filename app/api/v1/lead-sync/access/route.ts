// GET|PUT /api/v1/lead-sync/access – who besides admins manages Lead Sync: by role, or by each member's own grant (admins)
import { readJson } from "@/lib/http/body";
import { withOrg } from "@/lib/http/route";
import { getLeadSyncAccess, setLeadSyncAccess } from "@/lib/lead-sync/access";
import { leadSyncAccessSchema } from "@/lib/lead-sync/schema";

const access = { adminOnly: true };

export const GET = withOrg(async ({ orgId }) => Response.json({ access: await getLeadSyncAccess(orgId) }), access);

export const PUT = withOrg(
  async ({ req, orgId }) => Response.json({ access: await setLeadSyncAccess(orgId, leadSyncAccessSchema.parse(await readJson(req))) }),
  access,
);
