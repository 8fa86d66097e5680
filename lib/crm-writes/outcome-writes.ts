import { HUBSPOT_CALL_DISPOSITIONS } from "@/lib/crm/hubspot/client";
import { cutText } from "@/lib/providers/voice/content";
import type { Outcome } from "@/lib/schedule/types";
import type { NewWrite } from "./outbox";
import type { WriteBackSettings } from "./settings";

export const WRITE_KINDS = {
  leadSquaredActivity: "leadsquared.activity",
  leadSquaredLeadUpdate: "leadsquared.lead_update",
  hubSpotCall: "hubspot.call",
  hubSpotContactUpdate: "hubspot.contact_update",
} as const;

/** What a settled attempt tells the CRM, read in the transaction that settles it (after-attempt.ts). */
export type AttemptFacts = {
  orgId: string;
  taskId: string;
  source: string;
  crmLeadId: string | null;
  phone: string;
  integrationId: string | null;
  settings: WriteBackSettings;
  final: boolean;
  maxAttempts: number;
  /** The call's page in Leadline, where a transcript cut to fit the CRM can be read whole. */
  callUrl: string;
  attempt: {
    id: string;
    number: number;
    outcome: Outcome | null;
    detail: string | null;
    error: string | null;
    providerCallId: string | null;
    dialedAt: Date | null;
    endedAt: Date | null;
    summary: string | null;
    transcript: string | null;
    recordingUrl: string | null;
  };
};

export type LeadSquaredActivityPayload = {
  integrationId: string;
  leadId: string;
  activityEvent: number;
  note: string;
  at: string;
};
export type LeadSquaredLeadUpdatePayload = { integrationId: string; leadId: string; fields: { attribute: string; value: string }[] };
export type HubSpotCallPayload = {
  integrationId: string;
  contactId: string;
  at: string;
  title: string;
  body: string;
  durationMs: number;
  disposition?: string;
  status?: string;
  toNumber: string;
  recordingUrl?: string;
};
export type HubSpotContactUpdatePayload = { integrationId: string; contactId: string; properties: Record<string, string> };

const OUTCOME_WORDS: Record<Outcome, string> = {
  completed: "answered",
  no_answer: "no answer",
  busy: "busy",
  voicemail: "voicemail",
  failed: "failed",
};

const DISPOSITIONS: Partial<Record<Outcome, string>> = {
  completed: HUBSPOT_CALL_DISPOSITIONS.connected,
  no_answer: HUBSPOT_CALL_DISPOSITIONS.noAnswer,
  busy: HUBSPOT_CALL_DISPOSITIONS.busy,
  voicemail: HUBSPOT_CALL_DISPOSITIONS.leftVoicemail,
};

// Only the two hs_call_status values our notes saw HubSpot accept (api-facts §2.7); the disposition says the rest.
const CALL_STATUSES: Partial<Record<Outcome, string>> = { completed: "COMPLETED", busy: "BUSY" };

function durationMs(a: AttemptFacts["attempt"]): number {
  return a.dialedAt && a.endedAt ? Math.max(0, a.endedAt.getTime() - a.dialedAt.getTime()) : 0;
}

/** The attempt's facts, one line each, the ones we have: the start of every note and body. */
export function describeAttempt(f: AttemptFacts): string {
  const a = f.attempt;
  const outcome = a.outcome ? OUTCOME_WORDS[a.outcome] : "no outcome";
  return [
    `Leadline AI call, attempt ${a.number} of ${f.maxAttempts}: ${outcome}${f.final ? " (final)" : ""}`,
    `Duration: ${Math.round(durationMs(a) / 1000)} s`,
    a.providerCallId && `Provider call id: ${a.providerCallId}`,
    a.detail && `Provider's reason: ${a.detail}`,
    a.error && `Error: ${a.error}`,
  ]
    .filter(Boolean)
    .join("\n");
}

/**
 * What each CRM is sent at most, in characters. HubSpot documents 65,536 for a note's body (api-facts §2.7) and the
 * call's body is held to the same. LeadSquared publishes no limit for ActivityNote, so the note stays well short of
 * anything a text field is likely to hold. A transcript that does not fit is cut, with a link to the whole of it.
 */
export const CRM_TEXT_LIMITS = { leadSquaredNote: 8_000, hubSpotBody: 65_536 } as const;

/**
 * The activity note or engagement body: the attempt's facts, the recording link (LeadSquared has no field of its own
 * for one), the summary, then the transcript unless the agent leaves it out, cut to fit within `max`.
 */
export function describeCall(f: AttemptFacts, opts: { max: number; recordingLine: boolean }): string {
  const a = f.attempt;
  const head = [
    describeAttempt(f),
    opts.recordingLine && a.recordingUrl && `Recording: ${a.recordingUrl}`,
    a.summary && `Summary: ${a.summary}`,
  ]
    .filter(Boolean)
    .join("\n");
  const transcript = f.settings.includeTranscript ? a.transcript : null;
  if (!transcript) return cutText(head, opts.max);
  const label = "\n\nTranscript:\n";
  const cut = `\n…[cut to fit; the whole transcript is on the call in Leadline: ${f.callUrl}]`;
  const room = opts.max - head.length - label.length;
  // Too little room left for any of it: the note says where it is instead.
  if (room < cut.length + 100) return cutText(`${head}\nTranscript: on the call in Leadline: ${f.callUrl}`, opts.max);
  return head + label + cutText(transcript, room, cut);
}

/**
 * The CRM writes a settled attempt asks for under its agent's settings: none when write-back is off, when only the
 * final outcome is wanted and this is not it, or when the lead has no CRM record to write to. Dedupe keys are
 * `<kind>:<attemptId>[:final]`, so settling twice queues nothing twice.
 */
export function planAttemptWrites(f: AttemptFacts): NewWrite[] {
  const { settings, attempt } = f;
  if (settings.mode === "off" || (settings.mode === "final" && !f.final)) return [];
  if (!f.crmLeadId || !f.integrationId || (f.source !== "leadsquared" && f.source !== "hubspot")) return [];
  const suffix = settings.mode === "final" ? ":final" : "";
  const at = (attempt.endedAt ?? new Date()).toISOString();
  const updates = attempt.outcome ? settings.fieldUpdates.filter((u) => u.outcome === attempt.outcome) : [];
  const base = { orgId: f.orgId, taskId: f.taskId, attemptId: attempt.id, account: `${f.source}:${f.integrationId}` };
  const writes: NewWrite[] = [];
  const add = (kind: string, payload: object) =>
    writes.push({ ...base, kind, dedupeKey: `${kind}:${attempt.id}${suffix}`, payload: payload as NewWrite["payload"] });
  if (f.source === "leadsquared") {
    if (settings.leadSquaredActivityEvent !== null) {
      add(WRITE_KINDS.leadSquaredActivity, {
        integrationId: f.integrationId,
        leadId: f.crmLeadId,
        activityEvent: settings.leadSquaredActivityEvent,
        note: describeCall(f, { max: CRM_TEXT_LIMITS.leadSquaredNote, recordingLine: true }),
        at,
      } satisfies LeadSquaredActivityPayload);
    }
    if (updates.length) {
      add(WRITE_KINDS.leadSquaredLeadUpdate, {
        integrationId: f.integrationId,
        leadId: f.crmLeadId,
        fields: updates.map((u) => ({ attribute: u.field, value: u.value })),
      } satisfies LeadSquaredLeadUpdatePayload);
    }
  } else {
    if (settings.hubSpotEngagement) {
      const outcome = attempt.outcome ?? undefined;
      add(WRITE_KINDS.hubSpotCall, {
        integrationId: f.integrationId,
        contactId: f.crmLeadId,
        at,
        title: `Leadline AI call, attempt ${attempt.number}`,
        body: describeCall(f, { max: CRM_TEXT_LIMITS.hubSpotBody, recordingLine: false }),
        durationMs: durationMs(attempt),
        ...(outcome && DISPOSITIONS[outcome] ? { disposition: DISPOSITIONS[outcome] } : {}),
        ...(outcome && CALL_STATUSES[outcome] ? { status: CALL_STATUSES[outcome] } : {}),
        toNumber: f.phone,
        ...(attempt.recordingUrl ? { recordingUrl: attempt.recordingUrl } : {}),
      } satisfies HubSpotCallPayload);
    }
    if (updates.length) {
      add(WRITE_KINDS.hubSpotContactUpdate, {
        integrationId: f.integrationId,
        contactId: f.crmLeadId,
        properties: Object.fromEntries(updates.map((u) => [u.field, u.value])),
      } satisfies HubSpotContactUpdatePayload);
    }
  }
  return writes;
}
