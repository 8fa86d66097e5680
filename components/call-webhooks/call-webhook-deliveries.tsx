"use client";

import { RotateCcw } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DataTable, type Column } from "@/components/ui/data-table";
import { FormError, SelectField } from "@/components/ui/field";
import { StatusBadge } from "@/components/ui/status-badge";
import { CALL_WEBHOOK_DELIVERY_STATUSES } from "@/lib/call-webhooks/schema";
import type { CallWebhookDelivery } from "@/lib/call-webhooks/deliveries";
import { useCallWebhookDeliveries, useReplayCallWebhookDelivery } from "@/lib/client/call-webhooks";
import { formatDateTime } from "@/lib/client/format";

function Replay({ row }: { row: CallWebhookDelivery }) {
  const replay = useReplayCallWebhookDelivery();
  const busy = row.status === "pending" || row.status === "running";
  return (
    <div>
      <Button
        variant="secondary"
        disabled={busy || replay.isPending}
        title={busy ? "Queued or being sent: it goes out anyway." : "Send again with a fresh signature and the same event id"}
        onClick={() => replay.mutate(row.id)}
      >
        <RotateCcw aria-hidden />
        Replay
      </Button>
      <FormError message={replay.error?.message} />
    </div>
  );
}

const COLUMNS: ReadonlyArray<Column<CallWebhookDelivery>> = [
  { header: "Created", cell: (r) => <time dateTime={r.createdAt}>{formatDateTime(r.createdAt)}</time> },
  {
    header: "Event",
    cell: (r) => (
      <span className="space-y-0.5">
        <span className="block font-mono text-xs">{r.type ?? "?"}</span>
        {r.callId && (
          <Link href={`/calls/${r.callId}`} className="block font-mono text-xs break-all text-brand-700 underline">
            {r.callId}
          </Link>
        )}
      </span>
    ),
  },
  { header: "Status", cell: (r) => <StatusBadge status={r.status} /> },
  { header: "Tries", cell: (r) => r.tries },
  {
    header: "Answer",
    cell: (r) => (r.responseStatus === null ? "none" : `${r.responseStatus}${r.durationMs === null ? "" : ` in ${r.durationMs} ms`}`),
  },
  {
    header: "Last error",
    className: "max-w-xs",
    cell: (r) =>
      r.lastError ? (
        <span className="block space-y-0.5">
          <span className="block">{r.lastError}</span>
          {r.nextTryAt && <span className="block text-xs text-slate-500">Next try {formatDateTime(r.nextTryAt)}</span>}
        </span>
      ) : (
        ""
      ),
  },
  { header: "Actions", cell: (r) => <Replay row={r} /> },
];

/** Every post of the call-ended webhook (`scope` narrows it to one endpoint), with Replay. */
export function CallWebhookDeliveries({ scope }: { scope?: string }) {
  const [status, setStatus] = useState("");
  const filter: Record<string, string> = { ...(status ? { status } : {}), ...(scope ? { scope } : {}) };
  const deliveries = useCallWebhookDeliveries(filter);
  return (
    <Card
      title="Call-ended webhook deliveries"
      description="Each post with what the receiver answered. Failed posts were retried with backoff first; Replay sends one again."
    >
      <div className="mb-3 w-56">
        <SelectField label="Status" value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">Any</option>
          {CALL_WEBHOOK_DELIVERY_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </SelectField>
      </div>
      {deliveries.isError ? (
        <FormError message={deliveries.error.message} />
      ) : !deliveries.data ? (
        <p className="text-sm text-slate-600">Loading…</p>
      ) : deliveries.data.length === 0 ? (
        <p className="text-sm text-slate-600">No posts {status ? `with status ${status}` : "yet"}.</p>
      ) : (
        <DataTable caption="Call-ended webhook deliveries" columns={COLUMNS} rows={deliveries.data} rowKey={(r) => r.id} framed={false} />
      )}
    </Card>
  );
}
