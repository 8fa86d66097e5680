"use client";

import Link from "next/link";
import { KeyValues } from "@/components/calls/key-values";
import { ReplayDelivery } from "@/components/deliveries/replay-delivery";
import { Card } from "@/components/ui/card";
import { DataTable, type Column } from "@/components/ui/data-table";
import { FormError } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { useDelivery, type DeliveryLeadRow } from "@/lib/client/deliveries";
import { callSourceName, formatDateTime } from "@/lib/client/format";
import { prettyBody } from "@/lib/deliveries/pretty-body";
import { replayAdvice } from "@/lib/deliveries/replay-advice";

const LEAD_COLUMNS: Column<DeliveryLeadRow>[] = [
  { header: "CRM lead id", cell: (l) => <span className="font-mono text-xs break-all">{l.crmLeadId ?? "—"}</span> },
  { header: "Status", cell: (l) => <StatusBadge status={l.status} /> },
  { header: "Reason and fix", cell: (l) => l.reason ?? "—" },
  {
    header: "Call",
    cell: (l) =>
      l.callTaskId ? (
        <Link href={`/calls/${l.callTaskId}`} className="text-brand-700 underline">
          Open call
        </Link>
      ) : (
        "—"
      ),
  },
];

export function DeliveryDetailView({ deliveryId, agentName, canAct }: { deliveryId: string; agentName: string | null; canAct: boolean }) {
  const { data: d, error } = useDelivery(deliveryId);
  if (error) return <FormError message={error.message} />;
  if (!d) return <p className="text-sm text-slate-600">Loading…</p>;
  const crmName = d.crm ? callSourceName(d.crm) : "the CRM";
  const advice = replayAdvice({ status: d.status, errorCode: d.errorCode, crmName });
  return (
    <div className="space-y-6">
      <PageHeader
        back={{ href: "/deliveries", label: "Deliveries" }}
        title={
          <>
            Delivery <span className="font-mono text-lg font-medium break-all">{d.id}</span>
          </>
        }
        badge={<StatusBadge status={d.status} />}
        description={
          <p>
            {formatDateTime(d.createdAt)} · {agentName ?? d.agentId ?? "no agent"} · {d.crm ? crmName : "unknown CRM"} ·{" "}
            {d.eventType ?? "no event type"} · {d.contentType ?? "no content type"} · answered {d.httpStatus}
          </p>
        }
      />
      {/* The request's one error, with what to do about it; a lead's own reason stays in its row below. */}
      {d.errorMessage && (
        <Notice tone="danger" role="alert" title="Refused as a whole">
          <p>{d.errorMessage}</p>
          {advice && !advice.replay && <p className="text-red-950">{advice.why}</p>}
          {d.errorCode && <p className="font-mono text-xs">{d.errorCode}</p>}
        </Notice>
      )}
      {advice?.replay && <ReplayDelivery deliveryId={d.id} canAct={canAct} />}
      <Card title="Leads" padded={false}>
        {d.leads.length === 0 ? (
          <p className="px-4 pb-4 text-sm text-slate-600">No leads were read from this request.</p>
        ) : (
          <div className="px-4 pb-4 lg:border-t lg:border-slate-200 lg:px-0 lg:pb-0">
            <DataTable caption="Leads" columns={LEAD_COLUMNS} rows={d.leads} rowKey={(l) => l.id} framed={false} />
          </div>
        )}
      </Card>
      <Card title="URL parameters">
        <KeyValues entries={Object.entries(d.query)} empty="None." />
      </Card>
      <Card title="Body" description={`${d.bodyBytes} bytes, secrets redacted`}>
        <pre tabIndex={0} className="max-h-96 overflow-auto rounded-lg bg-slate-50 p-3 text-xs">
          {prettyBody(d.body, d.contentType) || "(empty)"}
        </pre>
      </Card>
    </div>
  );
}
