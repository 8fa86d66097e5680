import type { Outcome } from "@/lib/schedule/types";

export type EndedReasonOutcome = { outcome: Outcome; retryable: boolean };

const COMPLETED: EndedReasonOutcome = { outcome: "completed", retryable: false };
const RETRY: EndedReasonOutcome = { outcome: "failed", retryable: true };
const GIVE_UP: EndedReasonOutcome = { outcome: "failed", retryable: false };

// A Map, so that reasons such as "constructor" do not resolve to Object.prototype members.
const KNOWN = new Map<string, EndedReasonOutcome>(
  Object.entries({
    "customer-did-not-answer": { outcome: "no_answer", retryable: true },
    "customer-busy": { outcome: "busy", retryable: true },
    voicemail: { outcome: "voicemail", retryable: true },

    "customer-ended-call": COMPLETED,
    "assistant-ended-call": COMPLETED,
    "assistant-ended-call-after-message-spoken": COMPLETED,
    "assistant-ended-call-with-hangup-task": COMPLETED,
    "assistant-said-end-call-phrase": COMPLETED,
    "assistant-forwarded-call": COMPLETED,
    // Someone picked up; a timeout during the conversation is still a conversation.
    "silence-timed-out": COMPLETED,
    "exceeded-max-duration": COMPLETED,

    "twilio-failed-to-connect-call": RETRY,
    "vonage-failed-to-connect-call": RETRY,
    "call.in-progress.error-sip-outbound-call-failed-to-connect": RETRY,
    "worker-shutdown": RETRY,
    "phone-call-provider-closed-websocket": RETRY,
    // The call never rang; a later slot may be free.
    "call.start.error-subscription-concurrency-limit-reached": RETRY,
    // Resets daily; the next retry gap is usually hours away.
    "call.start.error-vapi-number-outbound-daily-limit": RETRY,

    "twilio-reported-customer-misdialed": GIVE_UP,
    "call.start.error-vapi-number-international": GIVE_UP,
    "call.start.error-fraud-check-failed": GIVE_UP,
    "assistant-not-found": GIVE_UP,
    "assistant-not-valid": GIVE_UP,
    "manually-canceled": GIVE_UP,
    "scheduled-call-deleted": GIVE_UP,
    "call-deleted": GIVE_UP,
  }),
);

/** Checked in order after the exact table; the first match wins. */
const FAMILIES: { pattern: RegExp; result: EndedReasonOutcome }[] = [
  { pattern: /-403-forbidden$/, result: GIVE_UP },
  { pattern: /-vapifault-/, result: RETRY },
  { pattern: /-providerfault-/, result: RETRY },
  // Account problems (credits, frozen, wallet) need a person, not another dial.
  { pattern: /^call\.start\.error-subscription-/, result: GIVE_UP },
  // Missing assistant, phone number or customer: the agent's setup is wrong.
  { pattern: /^call\.start\.error-get-/, result: GIVE_UP },
];

/**
 * Leadline's outcome for a Vapi `endedReason` (api-facts §3.1, §3.4). The enum has hundreds of values and the docs'
 * own examples use values outside it, so anything unrecognised is a retryable failure rather than an error.
 */
export function outcomeForEndedReason(endedReason: string): EndedReasonOutcome {
  const known = KNOWN.get(endedReason);
  if (known) return known;
  return FAMILIES.find((family) => family.pattern.test(endedReason))?.result ?? RETRY;
}
