// GET|PATCH /api/v1/organization – the caller's organisation settings (time zone, calling code)
import { readJson } from "@/lib/http/body";
import { withOrg } from "@/lib/http/route";
import { getOrganization, updateOrganization } from "@/lib/orgs/queries";
import { organizationUpdateSchema } from "@/lib/orgs/schema";

export const GET = withOrg(async ({ orgId }) => Response.json({ organization: await getOrganization(orgId) }));

export const PATCH = withOrg(
  async ({ req, orgId }) => {
    const input = organizationUpdateSchema.parse(await readJson(req));
    return Response.json({ organization: await updateOrganization(orgId, input) });
  },
  { adminOnly: true },
);
