"use client";

import Link from "next/link";
import { Notice } from "@/components/ui/notice";
import { useCall } from "@/lib/client/calls";
import type { TestLeadResult } from "@/lib/client/webhook-url";
import { summariseTestLead, whenWords } from "@/lib/test-lead/answer-words";

const TONES = { good: "success", bad: "danger", neutral: "info" } as const;

/** An accepted lead's call, read live: when it is placed (its zone, the planner's reason), or why it ended before dialing. */
function AcceptedCall({ callId, firstAttemptAt }: { callId: string; firstAttemptAt: string | null }) {
  const call = useCall(callId).data;
  if (call && call.attemptsMade === 0 && call.lastError) {
    return (
      <Notice tone="danger" title="Accepted, then ended before dialing: no call will be placed.">
        <p>{call.lastError}</p>
      </Notice>
    );
  }
  const first = call?.attempts.find((a) => a.number === 1);
  const at = first?.scheduledAt ?? firstAttemptAt;
  const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <Notice tone="success" title="Accepted: a call is scheduled.">
      {call?.status === "resolving" ? (
        <p>Leadline is reading the lead from the CRM before it schedules the call…</p>
      ) : at && call ? (
        <p>
          {whenWords({
            at,
            now: new Date(),
            callZone: call.timezone,
            viewerZone,
            reason: first?.reason?.text ?? call.nextAttemptReason?.text ?? null,
          })}
        </p>
      ) : (
        <p>Reading when the call is placed…</p>
      )}
    </Notice>
  );
}

/** The webhook's answer in words first; the raw exchange stays one click away. */
export function TestLeadOutcome({ result }: { result: TestLeadResult }) {
  const summary = summariseTestLead(result);
  return (
    <div role="status" aria-label="Test lead result" className="flex flex-col gap-2 text-sm">
      {result.leadStatus === "accepted" && result.callId ? (
        <AcceptedCall callId={result.callId} firstAttemptAt={result.firstAttemptAt} />
      ) : (
        <Notice tone={TONES[summary.tone]} title={summary.headline}>
          {summary.detail && <p>{summary.detail}</p>}
        </Notice>
      )}
      <p className="text-slate-600">
        The webhook answered HTTP {result.httpStatus}
        {result.leadStatus ? `: the lead was ${result.leadStatus}.` : "."}
      </p>
      <p className="flex flex-wrap gap-x-4 gap-y-1">
        {result.deliveryId && (
          <Link className="break-all text-brand-700 underline" href={`/deliveries/${result.deliveryId}`}>
            View delivery {result.deliveryId}
          </Link>
        )}
        {result.callId && (
          <Link className="break-all text-brand-700 underline" href={`/calls/${result.callId}`}>
            View call {result.callId}
          </Link>
        )}
      </p>
      <details>
        <summary className="cursor-pointer">What was sent and answered</summary>
        <pre className="mt-2 max-w-full overflow-x-auto rounded-md bg-slate-50 p-2 text-xs">
          {JSON.stringify({ sent: result.sent, answer: result.answer }, null, 2)}
        </pre>
      </details>
    </div>
  );
}
