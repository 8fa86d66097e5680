"use client";

import { PhoneCall } from "lucide-react";
import Link from "next/link";
import { PagedTable } from "@/components/calls/paged-table";
import { ZonedTime } from "@/components/calls/zoned-time";
import type { Column } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { FormError } from "@/components/ui/field";
import { StatusBadge } from "@/components/ui/status-badge";
import { callProblem, leadSecondaryId, leadTitle, phoneText } from "@/lib/client/call-display";
import { useCallPages, type CallRow } from "@/lib/client/calls";
import { callSourceName, formatDateTime } from "@/lib/client/format";

function columns(agentNames: Map<string, string>): Column<CallRow>[] {
  return [
    {
      header: "Lead",
      cell: (c) => (
        <>
          <Link href={`/calls/${c.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
            {leadTitle(c)}
          </Link>
          {leadSecondaryId(c) && <div className="font-mono text-xs break-all text-slate-600">{leadSecondaryId(c)}</div>}
          <div className={`font-mono text-xs ${c.phone ? "text-slate-600" : "text-slate-600 italic"}`}>{phoneText(c)}</div>
        </>
      ),
    },
    {
      header: "Status",
      cell: (c) => (
        <>
          <StatusBadge status={c.status} />
          {callProblem(c) && <p className="mt-1 line-clamp-3 max-w-64 text-xs text-red-800">{callProblem(c)}</p>}
        </>
      ),
    },
    { header: "Last outcome", cell: (c) => (c.lastOutcome ? <StatusBadge status={c.lastOutcome} /> : "—") },
    { header: "Agent", cell: (c) => agentNames.get(c.agentId) ?? c.agentId },
    { header: "CRM", cell: (c) => callSourceName(c.source) },
    { header: "Attempts", cell: (c) => `${c.attemptsMade} / ${c.maxAttempts}`, className: "lg:whitespace-nowrap" },
    {
      header: "Next attempt",
      cell: (c) => (
        <>
          {c.nextAttemptAt ? <ZonedTime iso={c.nextAttemptAt} zone={c.timezone} /> : "—"}
          {c.nextAttemptAt && c.nextAttemptReason && <div className="text-xs text-slate-600">{c.nextAttemptReason.text}</div>}
        </>
      ),
    },
    { header: "Created", cell: (c) => formatDateTime(c.createdAt), className: "lg:whitespace-nowrap" },
  ];
}

export function CallsTable({
  query,
  agentNames,
  filtered,
}: {
  query: Record<string, string>;
  agentNames: Map<string, string>;
  filtered: boolean;
}) {
  const pages = useCallPages(query);
  if (pages.error) return <FormError message={pages.error.message} />;
  const calls = pages.data?.pages.flatMap((p) => p.calls) ?? [];
  if (pages.data && calls.length === 0) {
    return (
      <div className="mt-4">
        {filtered ? (
          <EmptyState title="No calls match these filters">Clear a filter or widen the days to see more.</EmptyState>
        ) : (
          <EmptyState icon={PhoneCall} title="No calls yet">
            Every lead your CRM sends appears here, with each attempt and why it happens when it does.
          </EmptyState>
        )}
      </div>
    );
  }
  return <PagedTable caption="Calls, newest first" columns={columns(agentNames)} rows={calls} rowKey={(c) => c.id} pages={pages} />;
}
