"use client";

import { ScrollText } from "lucide-react";
import Link from "next/link";
import { Choice, label } from "@/components/calls/filter-fields";
import { PagedTable } from "@/components/calls/paged-table";
import type { Column } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { FormError } from "@/components/ui/field";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatDateTime } from "@/lib/client/format";
import { LOG_FILTER_KEYS, useSyncLogs, type LogRow } from "@/lib/client/lead-sync";
import { useUrlFilters } from "@/lib/client/use-url-filters";
import { BEHAVIOUR_LABELS, JOB_STATUS_FILTERS, LOG_VIEWS, SYNC_STATUS_FILTERS, type LeadBehaviour } from "@/lib/lead-sync/schema";
import { LOG_RANGES } from "@/lib/lead-sync/log-range";

const VIEW_LABELS: Record<(typeof LOG_VIEWS)[number], string> = { new: "New", updated: "Updated", failed: "Failed" };
const RANGE_LABELS = { today: "Today", last_7_days: "Last 7 days", this_month: "This month", last_month: "Last month" } as const;

function columns(connectorId: string): Column<LogRow>[] {
  return [
    {
      header: "Sync job",
      cell: (r) => (
        <Link
          href={`/lead-sync/${connectorId}/jobs/${r.jobId}`}
          className="font-mono text-xs break-all text-brand-700 underline-offset-2 hover:underline"
        >
          {r.jobId}
          {r.position > 0 && ` #${r.position + 1}`}
        </Link>
      ),
    },
    { header: "Received", cell: (r) => formatDateTime(r.receivedAt), className: "lg:whitespace-nowrap" },
    {
      header: "Lead",
      cell: (r) => (r.searchValue ? `${r.searchField ?? "lead"}: ${r.searchValue}` : r.sourceLeadId ? `source id ${r.sourceLeadId}` : "—"),
      className: "break-all",
    },
    {
      header: "Sync status",
      cell: (r) => <StatusBadge status={r.outcome === "failed" ? "error" : r.outcome} label={r.fixed ? "fixed" : undefined} />,
    },
    { header: "Job status", cell: (r) => <StatusBadge status={r.jobStatus} /> },
    { header: "Behaviour", cell: (r) => BEHAVIOUR_LABELS[r.leadBehaviour as LeadBehaviour] ?? r.leadBehaviour },
    { header: "Reason", cell: (r) => r.error ?? "—", className: "text-slate-700 lg:max-w-sm lg:min-w-56" },
  ];
}

/** View Logs (seed 001, §8): the New, Updated and Failed views, filtered by date, job status and sync status. */
export function SyncLogs({ connectorId, timezone }: { connectorId: string; timezone: string }) {
  const filters = useUrlFilters(LOG_FILTER_KEYS, timezone);
  const view = (filters.value("view") || "new") as (typeof LOG_VIEWS)[number];
  const query = { ...filters.query, view };
  const pages = useSyncLogs(connectorId, query);
  const rows = pages.data?.pages.flatMap((p) => p.rows) ?? [];
  return (
    <div className="flex flex-col gap-4">
      <nav aria-label="Log views" className="border-b border-slate-200">
        <ul className="flex gap-1 text-sm">
          {LOG_VIEWS.map((v) => (
            <li key={v}>
              <button
                type="button"
                aria-current={v === view ? "page" : undefined}
                onClick={() => filters.set({ view: v })}
                className={`-mb-px block border-b-2 px-3 py-2 whitespace-nowrap ${v === view ? "border-brand-600 font-medium text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
              >
                {VIEW_LABELS[v]}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <div className="grid grid-cols-1 gap-2 rounded-xl border border-slate-200 bg-white p-4 shadow-xs sm:grid-cols-3">
        <Choice
          name="range"
          text="Date"
          options={LOG_RANGES.map((r) => [r, RANGE_LABELS[r]] as const)}
          filters={filters}
          anyLabel="Last 7 days"
        />
        <Choice
          name="job_status"
          text="Job status"
          options={JOB_STATUS_FILTERS.filter((s) => s !== "all").map((s) => [s, label(s)] as const)}
          filters={filters}
          anyLabel="All"
        />
        <Choice
          name="sync_status"
          text="Sync status"
          options={SYNC_STATUS_FILTERS.filter((s) => s !== "all").map((s) => [s, label(s)] as const)}
          filters={filters}
          anyLabel="All"
        />
      </div>
      {pages.error ? (
        <FormError message={pages.error.message} />
      ) : pages.data && rows.length === 0 ? (
        <EmptyState icon={ScrollText} title={`No ${VIEW_LABELS[view].toLowerCase()} leads in this range`}>
          {view === "failed"
            ? "Nothing failed with these filters."
            : "Widen the date range, or post a lead from the source account's automation."}
        </EmptyState>
      ) : (
        <PagedTable
          caption={`${VIEW_LABELS[view]} leads, newest first`}
          columns={columns(connectorId)}
          rows={rows}
          rowKey={(r) => `${r.jobId}:${r.position}`}
          pages={pages}
        />
      )}
    </div>
  );
}
