"use client";

import Link from "next/link";
import { AttemptsTimeline } from "@/components/calls/attempts-timeline";
import { CallActions } from "@/components/calls/call-actions";
import { CallWrites } from "@/components/calls/call-writes";
import { KeyValues } from "@/components/calls/key-values";
import { ScheduleSummary } from "@/components/calls/schedule-summary";
import { ZonedTime } from "@/components/calls/zoned-time";
import { Card } from "@/components/ui/card";
import { FormError } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { callProblem, failedBeforeDialing, leadSecondaryId, leadTitle, phoneText } from "@/lib/client/call-display";
import { useCall, type CallDetail } from "@/lib/client/calls";
import { callSourceName, formatDateTime } from "@/lib/client/format";

/** What happened to the call, in one place: why it stopped, or what it is waiting for. */
function CallState({ call }: { call: CallDetail }) {
  const problem = callProblem(call);
  if (call.status === "failed") {
    return (
      <Notice tone="danger" title={failedBeforeDialing(call) ? "Failed before dialing: nobody was called" : "Failed"}>
        <p>{problem ?? "The call failed without a reason on record."}</p>
      </Notice>
    );
  }
  if (call.status === "cancelled") return <Notice title="Cancelled">{problem && <p>{problem}</p>}</Notice>;
  if (call.status === "resolving") {
    return <Notice title={`Reading the lead from ${callSourceName(call.source)}`}>The number and variables appear once it is read.</Notice>;
  }
  if (!call.nextAttemptAt) return null;
  return (
    <p className="text-sm text-slate-700">
      Next attempt <ZonedTime iso={call.nextAttemptAt} zone={call.timezone} />
      {call.nextAttemptReason && <span className="text-slate-600"> — {call.nextAttemptReason.text}</span>}
    </p>
  );
}

export function CallDetailView({ callId, agentName, canAct }: { callId: string; agentName: string | null; canAct: boolean }) {
  const { data: call, error } = useCall(callId);
  if (error) return <FormError message={error.message} />;
  if (!call) return <p className="text-sm text-slate-600">Loading…</p>;
  const secondaryId = leadSecondaryId(call);
  return (
    <div className="space-y-6">
      <PageHeader
        back={{ href: "/calls", label: "Call History" }}
        title={leadTitle(call)}
        badge={<StatusBadge status={call.status} />}
        description={
          <p>
            <span className={`font-mono ${call.phone ? "" : "italic"}`}>{phoneText(call)}</span>
            {secondaryId && <span className="font-mono"> · {secondaryId}</span>} · {agentName ?? call.agentId} ·{" "}
            {callSourceName(call.source)} · created {formatDateTime(call.createdAt)} · {call.attemptsMade} / {call.maxAttempts} attempts
          </p>
        }
      />
      <CallState call={call} />
      <CallActions call={call} canAct={canAct} />
      <Card title="Attempts">
        <AttemptsTimeline attempts={call.attempts} zone={call.timezone} />
      </Card>
      {call.source !== "api" && <CallWrites callId={call.id} progress={`${call.status}:${call.attemptsMade}`} canAct={canAct} />}
      <div className="grid gap-6 md:grid-cols-2">
        <Card title="Variables sent to the agent">
          <KeyValues entries={Object.entries(call.variables)} empty="No variables." />
        </Card>
        <Card title="Schedule parameters">
          <ScheduleSummary params={call.scheduleParams} zone={call.timezone} />
        </Card>
        <Card title="Lead from the CRM">
          <KeyValues
            entries={Object.entries(call.leadFields ?? {})}
            empty={call.source === "api" ? "Placed through the API: no CRM lead." : "The CRM sent no fields."}
          />
          {call.crmLeadId && (
            <p className="mt-2 text-xs text-slate-600">
              CRM lead id <span className="font-mono">{call.crmLeadId}</span>
            </p>
          )}
        </Card>
        <Card title="Where it came from">
          {call.deliveryId ? (
            <Link href={`/deliveries/${call.deliveryId}`} className="text-sm break-all text-brand-700 underline">
              Webhook delivery {call.deliveryId}
            </Link>
          ) : (
            <p className="text-sm text-slate-600">Placed through the calls API, not a CRM webhook.</p>
          )}
        </Card>
      </div>
    </div>
  );
}
