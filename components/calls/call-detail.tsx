"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { AttemptsTimeline } from "@/components/calls/attempts-timeline";
import { CallActions } from "@/components/calls/call-actions";
import { KeyValues } from "@/components/calls/key-values";
import { ScheduleSummary } from "@/components/calls/schedule-summary";
import { StatusBadge } from "@/components/ui/status-badge";
import { ZonedTime } from "@/components/calls/zoned-time";
import { FormError } from "@/components/ui/field";
import { useCall } from "@/lib/client/calls";
import { callSourceName, formatDateTime } from "@/lib/client/format";

function Panel({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section aria-label={title} className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 className="mb-2 text-sm font-semibold">{title}</h2>
      {children}
    </section>
  );
}

export function CallDetailView({ callId, agentName, canAct }: { callId: string; agentName: string | null; canAct: boolean }) {
  const { data: call, error } = useCall(callId);
  if (error) return <FormError message={error.message} />;
  if (!call) return <p className="text-sm text-slate-600">Loading…</p>;
  return (
    <div className="space-y-4">
      <div>
        <Link href="/calls" className="text-sm text-brand-700 hover:underline">
          ← Call History
        </Link>
        <h1 className="mt-1 flex flex-wrap items-center gap-2 text-xl font-semibold">
          {call.leadName ?? call.crmLeadId ?? "Unnamed lead"} <StatusBadge status={call.status} />
        </h1>
        <p className="text-sm text-slate-600">
          <span className="font-mono">{call.phone || "number not read yet"}</span> · {agentName ?? call.agentId} ·{" "}
          {callSourceName(call.source)} · created {formatDateTime(call.createdAt)} · {call.attemptsMade} / {call.maxAttempts} attempts
        </p>
        {call.nextAttemptAt && (
          <p className="mt-1 text-sm">
            Next attempt <ZonedTime iso={call.nextAttemptAt} zone={call.timezone} />
            {call.nextAttemptReason && <span className="text-slate-600"> — {call.nextAttemptReason.text}</span>}
          </p>
        )}
        {!call.nextAttemptAt && call.nextAttemptReason && <p className="mt-1 text-sm text-slate-600">{call.nextAttemptReason.text}</p>}
        {call.lastError && <p className="mt-1 text-sm text-red-700">{call.lastError}</p>}
      </div>
      <CallActions call={call} canAct={canAct} />
      <Panel title="Attempts">
        <AttemptsTimeline attempts={call.attempts} zone={call.timezone} />
      </Panel>
      <div className="grid gap-4 md:grid-cols-2">
        <Panel title="Variables sent to the agent">
          <KeyValues entries={Object.entries(call.variables)} empty="No variables." />
        </Panel>
        <Panel title="Schedule parameters">
          <ScheduleSummary params={call.scheduleParams} zone={call.timezone} />
        </Panel>
        <Panel title="Lead from the CRM">
          <KeyValues
            entries={Object.entries(call.leadFields ?? {})}
            empty={call.source === "api" ? "Placed through the API: no CRM lead." : "The CRM sent no fields."}
          />
          {call.crmLeadId && (
            <p className="mt-2 text-xs text-slate-600">
              CRM lead id <span className="font-mono">{call.crmLeadId}</span>
            </p>
          )}
        </Panel>
        <Panel title="Where it came from">
          {call.deliveryId ? (
            <Link href={`/deliveries/${call.deliveryId}`} className="text-sm text-brand-700 underline">
              Webhook delivery {call.deliveryId}
            </Link>
          ) : (
            <p className="text-sm text-slate-600">Placed through the calls API, not a CRM webhook.</p>
          )}
        </Panel>
      </div>
    </div>
  );
}
