// GET /api/v1/lead-sync/connectors/:connectorId/logs – View Logs: one row per lead, by view (new, updated, failed), date range, job and sync status
import { withLeadSync } from "@/lib/lead-sync/access-route";
import { getConnector, listSyncLog } from "@/lib/lead-sync/queries";
import { leadSyncLogFilterSchema } from "@/lib/lead-sync/schema";
import { getOrganization } from "@/lib/orgs/queries";

export const GET = withLeadSync(async ({ req, orgId, params }) => {
  const q = new URL(req.url).searchParams;
  const filter = leadSyncLogFilterSchema.parse({
    connectorId: (await getConnector(orgId, params.connectorId!)).id,
    view: q.get("view") ?? undefined,
    range: q.get("range") ?? undefined,
    jobStatus: q.get("job_status") ?? undefined,
    syncStatus: q.get("sync_status") ?? undefined,
    limit: q.get("limit") ?? undefined,
    cursor: q.get("cursor") ?? undefined,
  });
  // Today and this month are the organisation's days, as everywhere else in the dashboard.
  const { timezone } = await getOrganization(orgId);
  const { rows, nextCursor } = await listSyncLog(orgId, filter, { zone: timezone });
  return Response.json({
    rows: rows.map((r) => ({
      jobId: r.jobId,
      position: r.position,
      connectorId: r.job.connectorId,
      jobStatus: r.job.status,
      outcome: r.outcome,
      fixed: r.fixed,
      searchField: r.searchField,
      searchValue: r.searchValue,
      sourceLeadId: r.sourceLeadId,
      destinationLeadId: r.destinationLeadId,
      error: r.error,
      leadBehaviour: r.job.leadBehaviour,
      receivedAt: r.job.receivedAt,
    })),
    next_cursor: nextCursor,
  });
});
