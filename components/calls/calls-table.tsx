"use client";

import Link from "next/link";
import { PagedTable } from "@/components/calls/paged-table";
import { StatusBadge } from "@/components/calls/status-badge";
import { ZonedTime } from "@/components/calls/zoned-time";
import { FormError } from "@/components/ui/field";
import { useCallPages } from "@/lib/client/calls";
import { callSourceName, formatDateTime } from "@/lib/client/format";

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
      <p className="mt-4 text-sm text-slate-600">
        {filtered ? "No calls match these filters." : "No calls yet. Every lead your CRM sends appears here with each attempt."}
      </p>
    );
  }
  return (
    <PagedTable
      caption="Calls, newest first"
      columns={["Lead", "Agent", "CRM", "Status", "Last outcome", "Attempts", "Next attempt", "Created"]}
      pages={pages}
    >
      {calls.map((c) => (
        <tr key={c.id} className="border-t border-slate-100 align-top">
          <td className="px-3 py-2">
            <Link href={`/calls/${c.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
              {c.leadName ?? c.crmLeadId ?? "Unnamed lead"}
            </Link>
            <div className="font-mono text-xs text-slate-600">{c.phone || "reading from CRM…"}</div>
          </td>
          <td className="px-3 py-2">{agentNames.get(c.agentId) ?? c.agentId}</td>
          <td className="px-3 py-2">
            {callSourceName(c.source)}
            {c.crmLeadId && <div className="max-w-40 truncate font-mono text-xs text-slate-500">{c.crmLeadId}</div>}
          </td>
          <td className="px-3 py-2">
            <StatusBadge status={c.status} />
          </td>
          <td className="px-3 py-2">{c.lastOutcome?.replace("_", " ") ?? "—"}</td>
          <td className="px-3 py-2 whitespace-nowrap">
            {c.attemptsMade} / {c.maxAttempts}
          </td>
          <td className="px-3 py-2">
            {c.nextAttemptAt ? <ZonedTime iso={c.nextAttemptAt} zone={c.timezone} /> : "—"}
            {c.nextAttemptReason && <div className="text-xs text-slate-500">{c.nextAttemptReason.text}</div>}
          </td>
          <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(c.createdAt)}</td>
        </tr>
      ))}
    </PagedTable>
  );
}
