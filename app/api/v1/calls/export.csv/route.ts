// GET /api/v1/calls/export.csv – Call History's filtered list as a CSV download, streamed in keyset batches
import { exportCallsCsv } from "@/lib/calls/export";
import { callFiltersSchema } from "@/lib/calls/schema";
import { withOrg } from "@/lib/http/route";

export const GET = withOrg(async ({ req, orgId }) => {
  const filters = callFiltersSchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(await exportCallsCsv(orgId, filters), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="leadline-calls-${stamp}.csv"`,
      "cache-control": "no-store",
    },
  });
});
