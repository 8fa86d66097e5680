// GET /api/v1/integrations/:crm/fields[?refresh=1] – the connected CRM's fields for the Variable Source dropdown (cached)
import { crmFields } from "@/lib/crm/field-cache";
import { crmOfParam } from "@/lib/crm/crms";
import { withOrg } from "@/lib/http/route";

export const GET = withOrg(
  async ({ req, orgId, params }) => {
    const crm = crmOfParam(params.crm);
    const refresh = new URL(req.url).searchParams.get("refresh") === "1";
    return Response.json(await crmFields({ orgId, crm, refresh }));
  },
  { adminOnly: true },
);
