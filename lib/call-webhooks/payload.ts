// The JSON body of a call-ended post. Its shape is a public contract (README "Call-ended webhook"): add fields, never
// rename or drop one. Lead fields as the CRM sent them are left out; the lead reference is enough to look the lead up.

export const CALL_WEBHOOK_EVENT_TYPES = { attempt: "call.attempt_ended", final: "call.ended" } as const;
export type CallWebhookEventType = (typeof CALL_WEBHOOK_EVENT_TYPES)[keyof typeof CALL_WEBHOOK_EVENT_TYPES];

export type CallEndedFacts = {
  task: {
    id: string;
    status: string;
    source: string;
    crmLeadId: string | null;
    leadName: string | null;
    phone: string;
    attemptsMade: number;
    maxAttempts: number;
    nextAttemptAt: Date | null;
    finishedAt: Date | null;
  };
  attempt: {
    id: string;
    number: number;
    outcome: string | null;
    outcomeDetail: string | null;
    error: string | null;
    provider: string;
    providerCallId: string | null;
    dialedAt: Date | null;
    endedAt: Date | null;
    summary?: string | null;
    transcript?: string | null;
    recordingUrl?: string | null;
  };
  agent: { id: string; name: string };
};

export type CallEndedPayload = {
  type: CallWebhookEventType;
  timestamp: string;
  data: {
    call: {
      id: string;
      status: string;
      final: boolean;
      attemptsMade: number;
      maxAttempts: number;
      nextAttemptAt: string | null;
      url: string;
    };
    agent: { id: string; name: string };
    attempt: {
      id: string;
      number: number;
      outcome: string | null;
      outcomeDetail: string | null;
      error: string | null;
      provider: string;
      providerCallId: string | null;
      dialedAt: string | null;
      endedAt: string | null;
      durationSeconds: number | null;
    };
    lead: { source: string; crmLeadId: string | null; name: string | null; phone: string };
    summary: string | null;
    transcript: string | null;
    recordingUrl: string | null;
  };
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The call's page in Leadline's dashboard, as a link from outside (a webhook, a CRM note). */
export function callPageUrl(callId: string, publicUrl: string): string {
  return new URL(`/calls/${encodeURIComponent(callId)}`, publicUrl).toString();
}

/** Whole seconds from dial to end as Leadline saw them; null for an attempt that never got on the line. */
export function attemptDurationSeconds(attempt: { dialedAt: Date | null; endedAt: Date | null }): number | null {
  if (!attempt.dialedAt || !attempt.endedAt) return null;
  return Math.max(0, Math.round((attempt.endedAt.getTime() - attempt.dialedAt.getTime()) / 1000));
}

/** The event for one ended attempt (`final: false`) or for the call's final outcome (`final: true`). */
export function callEndedPayload(input: CallEndedFacts & { final: boolean; publicUrl: string; now: Date }): CallEndedPayload {
  const { task, attempt, agent, final } = input;
  const happened = (final ? task.finishedAt : null) ?? attempt.endedAt ?? input.now;
  return {
    type: final ? CALL_WEBHOOK_EVENT_TYPES.final : CALL_WEBHOOK_EVENT_TYPES.attempt,
    timestamp: happened.toISOString(),
    data: {
      call: {
        id: task.id,
        status: task.status,
        final,
        attemptsMade: task.attemptsMade,
        maxAttempts: task.maxAttempts,
        nextAttemptAt: final ? null : iso(task.nextAttemptAt),
        url: callPageUrl(task.id, input.publicUrl),
      },
      agent: { id: agent.id, name: agent.name },
      attempt: {
        id: attempt.id,
        number: attempt.number,
        outcome: attempt.outcome,
        outcomeDetail: attempt.outcomeDetail,
        error: attempt.error,
        provider: attempt.provider,
        providerCallId: attempt.providerCallId,
        dialedAt: iso(attempt.dialedAt),
        endedAt: iso(attempt.endedAt),
        durationSeconds: attemptDurationSeconds(attempt),
      },
      lead: { source: task.source, crmLeadId: task.crmLeadId, name: task.leadName, phone: task.phone },
      summary: attempt.summary ?? null,
      transcript: attempt.transcript ?? null,
      recordingUrl: attempt.recordingUrl ?? null,
    },
  };
}
