// POST /api/v1/integrations/:crm/test – check the stored credentials again with a real API call and record the outcome
import { withOrg } from "@/lib/http/route";
import { crmOfParam } from "@/lib/crm/crms";
import { testIntegration } from "@/lib/integrations/queries";

// A failed check is an answer about the CRM, not a failed request: 200 with status "error" and lastError.
export const POST = withOrg(
  async ({ orgId, params }) => Response.json({ integration: await testIntegration(orgId, crmOfParam(params.crm)) }),
  { adminOnly: true },
);
