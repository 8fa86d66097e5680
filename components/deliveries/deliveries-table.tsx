"use client";

import Link from "next/link";
import { PagedTable } from "@/components/calls/paged-table";
import { StatusBadge } from "@/components/calls/status-badge";
import { FormError } from "@/components/ui/field";
import { useDeliveryPages } from "@/lib/client/deliveries";
import { formatDateTime } from "@/lib/client/format";

export function DeliveriesTable({
  query,
  agentNames,
  filtered,
}: {
  query: Record<string, string>;
  agentNames: Map<string, string>;
  filtered: boolean;
}) {
  const pages = useDeliveryPages(query);
  if (pages.error) return <FormError message={pages.error.message} />;
  const rows = pages.data?.pages.flatMap((p) => p.deliveries) ?? [];
  if (pages.data && rows.length === 0) {
    return (
      <p className="mt-4 text-sm text-slate-600">
        {filtered ? "No deliveries match these filters." : "No webhook deliveries yet. Every request your CRM sends is logged here."}
      </p>
    );
  }
  return (
    <PagedTable
      caption="Webhook deliveries, newest first"
      columns={["Received", "Agent", "CRM", "Event", "Content type", "Status", "Leads", "Problem and fix"]}
      pages={pages}
    >
      {rows.map((d) => (
        <tr key={d.id} className="border-t border-slate-100 align-top">
          <td className="px-3 py-2 whitespace-nowrap">
            <Link href={`/deliveries/${d.id}`} className="text-brand-700 underline-offset-2 hover:underline">
              {formatDateTime(d.createdAt)}
            </Link>
          </td>
          <td className="px-3 py-2">{d.agentId ? (agentNames.get(d.agentId) ?? d.agentId) : "—"}</td>
          <td className="px-3 py-2">{d.crm ?? "—"}</td>
          <td className="px-3 py-2">{d.eventType ?? "—"}</td>
          <td className="px-3 py-2 font-mono text-xs">{d.contentType ?? "—"}</td>
          <td className="px-3 py-2">
            <StatusBadge status={d.status} />
          </td>
          <td className="px-3 py-2 whitespace-nowrap">
            {d.accepted} accepted, {d.duplicates} duplicate, {d.rejected} rejected
          </td>
          <td className="max-w-md px-3 py-2 text-slate-700">{d.errorMessage ?? d.firstRejection ?? ""}</td>
        </tr>
      ))}
    </PagedTable>
  );
}
