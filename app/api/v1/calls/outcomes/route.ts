// GET /api/v1/calls/outcomes – calls per day by last outcome for Call History's filters (the chart)
import { outcomesPerDay } from "@/lib/calls/outcomes-per-day";
import { callFiltersSchema } from "@/lib/calls/schema";
import { withOrg } from "@/lib/http/route";

export const GET = withOrg(async ({ req, orgId }) => {
  const filters = callFiltersSchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  return Response.json(await outcomesPerDay(orgId, filters));
});
