"use client";

import Link from "next/link";
import { KeyValues } from "@/components/calls/key-values";
import { StatusBadge } from "@/components/ui/status-badge";
import { ReplayDelivery } from "@/components/deliveries/replay-delivery";
import { FormError } from "@/components/ui/field";
import { TableHead } from "@/components/ui/table-head";
import { useDelivery } from "@/lib/client/deliveries";
import { formatDateTime } from "@/lib/client/format";
import { prettyBody } from "@/lib/deliveries/pretty-body";

const REPLAYABLE = new Set(["rejected", "partial", "error"]);

export function DeliveryDetailView({ deliveryId, agentName, canAct }: { deliveryId: string; agentName: string | null; canAct: boolean }) {
  const { data: d, error } = useDelivery(deliveryId);
  if (error) return <FormError message={error.message} />;
  if (!d) return <p className="text-sm text-slate-600">Loading…</p>;
  return (
    <div className="space-y-4">
      <div>
        <Link href="/deliveries" className="text-sm text-brand-700 hover:underline">
          ← Deliveries
        </Link>
        <h1 className="mt-1 flex flex-wrap items-center gap-2 text-xl font-semibold">
          Delivery <span className="font-mono text-base">{d.id}</span> <StatusBadge status={d.status} />
        </h1>
        <p className="text-sm text-slate-600">
          {formatDateTime(d.createdAt)} · {agentName ?? d.agentId ?? "no agent"} · {d.crm ?? "unknown CRM"} ·{" "}
          {d.eventType ?? "no event type"} · {d.contentType ?? "no content type"} · answered {d.httpStatus}
        </p>
      </div>
      {d.errorMessage && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          <span className="font-mono text-xs">{d.errorCode}</span> {d.errorMessage}
        </p>
      )}
      {REPLAYABLE.has(d.status) && <ReplayDelivery deliveryId={d.id} canAct={canAct} />}
      <section aria-label="Leads" className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="px-3 pt-3 text-left text-sm font-semibold">Leads</caption>
          <TableHead columns={["CRM lead id", "Status", "Reason and fix", "Call"]} />
          <tbody>
            {d.leads.map((l) => (
              <tr key={l.id} className="border-t border-slate-100 align-top">
                <td className="px-3 py-2 font-mono text-xs">{l.crmLeadId ?? "—"}</td>
                <td className="px-3 py-2">
                  <StatusBadge status={l.status} />
                </td>
                <td className="px-3 py-2">{l.reason ?? "—"}</td>
                <td className="px-3 py-2">
                  {l.callTaskId ? (
                    <Link href={`/calls/${l.callTaskId}`} className="text-brand-700 underline">
                      Open call
                    </Link>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
            {d.leads.length === 0 && (
              <tr>
                <td colSpan={4} className="px-3 py-2 text-slate-600">
                  No leads were read from this request.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </section>
      <section aria-label="URL parameters" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-2 text-sm font-semibold">URL parameters</h2>
        <KeyValues entries={Object.entries(d.query)} empty="None." />
      </section>
      <section aria-label="Body" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="mb-2 text-sm font-semibold">
          Body <span className="font-normal text-slate-500">({d.bodyBytes} bytes, secrets redacted)</span>
        </h2>
        <pre tabIndex={0} className="max-h-96 overflow-auto rounded bg-slate-50 p-3 text-xs">
          {prettyBody(d.body, d.contentType) || "(empty)"}
        </pre>
      </section>
    </div>
  );
}
