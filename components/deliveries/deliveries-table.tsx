"use client";

import { Webhook } from "lucide-react";
import Link from "next/link";
import { PagedTable } from "@/components/calls/paged-table";
import type { Column } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { FormError } from "@/components/ui/field";
import { StatusBadge } from "@/components/ui/status-badge";
import { useDeliveryPages, type DeliveryRow } from "@/lib/client/deliveries";
import { callSourceName, formatDateTime } from "@/lib/client/format";

function columns(agentNames: Map<string, string>): Column<DeliveryRow>[] {
  return [
    {
      header: "Received",
      cell: (d) => (
        <Link href={`/deliveries/${d.id}`} className="font-medium whitespace-nowrap text-brand-700 underline-offset-2 hover:underline">
          {formatDateTime(d.createdAt)}
        </Link>
      ),
    },
    { header: "Status", cell: (d) => <StatusBadge status={d.status} /> },
    {
      header: "Problem and fix",
      cell: (d) => d.errorMessage ?? d.firstRejection ?? "—",
      className: "text-slate-700 lg:max-w-md lg:min-w-64",
    },
    {
      header: "Leads",
      cell: (d) => `${d.accepted} accepted, ${d.duplicates} duplicate, ${d.rejected} rejected`,
      className: "lg:whitespace-nowrap",
    },
    { header: "Agent", cell: (d) => (d.agentId ? (agentNames.get(d.agentId) ?? d.agentId) : "—") },
    { header: "CRM", cell: (d) => (d.crm ? callSourceName(d.crm) : "—") },
    { header: "Event", cell: (d) => d.eventType ?? "—" },
    { header: "Content type", cell: (d) => <span className="font-mono text-xs break-all">{d.contentType ?? "—"}</span> },
  ];
}

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
      <div className="mt-4">
        {filtered ? (
          <EmptyState title="No deliveries match these filters">Clear a filter or widen the days to see more.</EmptyState>
        ) : (
          <EmptyState icon={Webhook} title="No webhook deliveries yet">
            Every request your CRM sends to the webhook is logged here, with what became of each lead.
          </EmptyState>
        )}
      </div>
    );
  }
  return (
    <PagedTable caption="Webhook deliveries, newest first" columns={columns(agentNames)} rows={rows} rowKey={(d) => d.id} pages={pages} />
  );
}
