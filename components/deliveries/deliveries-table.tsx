"use client";

import Link from "next/link";
import { StatusBadge } from "@/components/calls/status-badge";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { TableHead } from "@/components/ui/table-head";
import { useDeliveryPages } from "@/lib/client/deliveries";
import { formatDateTime } from "@/lib/client/format";

export function DeliveriesTable({ query, agentNames, filtered }: { query: Record<string, string>; agentNames: Map<string, string>; filtered: boolean }) {
  const pages = useDeliveryPages(query);
  if (pages.error) return <FormError message={pages.error.message} />;
  const rows = pages.data?.pages.flatMap((p) => p.deliveries) ?? [];
  if (pages.data && rows.length === 0) {
    return <p className="mt-4 text-sm text-slate-600">{filtered ? "No deliveries match these filters." : "No webhook deliveries yet. Every request your CRM sends is logged here."}</p>;
  }
  return (
    <>
      <div className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Webhook deliveries, newest first</caption>
          <TableHead columns={["Received", "Agent", "CRM", "Event", "Content type", "Status", "Leads", "Problem and fix"]} />
          <tbody>
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
          </tbody>
        </table>
      </div>
      {pages.hasNextPage && (
        <Button type="button" variant="secondary" className="mt-3" disabled={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
          {pages.isFetchingNextPage ? "Loading…" : "Load more"}
        </Button>
      )}
    </>
  );
}
