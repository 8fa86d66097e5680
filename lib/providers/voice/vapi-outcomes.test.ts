import { describe, expect, it } from "vitest";
import { outcomeForEndedReason } from "./vapi-outcomes";

describe("outcomeForEndedReason maps Vapi's endedReason to Leadline's outcome", () => {
  it.each([
    { endedReason: "customer-did-not-answer", outcome: "no_answer", retryable: true },
    { endedReason: "customer-busy", outcome: "busy", retryable: true },
    { endedReason: "voicemail", outcome: "voicemail", retryable: true },
    { endedReason: "customer-ended-call", outcome: "completed", retryable: false },
    { endedReason: "assistant-ended-call", outcome: "completed", retryable: false },
    { endedReason: "assistant-ended-call-after-message-spoken", outcome: "completed", retryable: false },
    { endedReason: "assistant-ended-call-with-hangup-task", outcome: "completed", retryable: false },
    { endedReason: "assistant-said-end-call-phrase", outcome: "completed", retryable: false },
    { endedReason: "assistant-forwarded-call", outcome: "completed", retryable: false },
    { endedReason: "silence-timed-out", outcome: "completed", retryable: false },
    { endedReason: "exceeded-max-duration", outcome: "completed", retryable: false },
  ])("$endedReason → $outcome", ({ endedReason, outcome, retryable }) => {
    expect(outcomeForEndedReason(endedReason)).toEqual({ outcome, retryable });
  });

  it.each([
    "twilio-failed-to-connect-call",
    "vonage-failed-to-connect-call",
    "call.in-progress.error-sip-outbound-call-failed-to-connect",
    "call.in-progress.error-providerfault-outbound-sip-408-request-timeout",
    "call.in-progress.error-providerfault-outbound-sip-480-temporarily-unavailable",
    "call.in-progress.error-providerfault-outbound-sip-503-service-unavailable",
    "worker-shutdown",
    "phone-call-provider-closed-websocket",
    "call.start.error-vapifault-database-error",
    "call.in-progress.error-vapifault-transport-never-connected",
    "call.start.error-subscription-concurrency-limit-reached",
    "call.start.error-vapi-number-outbound-daily-limit",
  ])("carrier, infrastructure and capacity failure %s is a retryable failure", (endedReason) => {
    expect(outcomeForEndedReason(endedReason)).toEqual({ outcome: "failed", retryable: true });
  });

  it.each([
    "twilio-reported-customer-misdialed",
    "call.in-progress.error-providerfault-outbound-sip-403-forbidden",
    "call.in-progress.error-sip-outbound-call-403-forbidden",
    "manually-canceled",
    "scheduled-call-deleted",
    "call-deleted",
    "call.start.error-subscription-insufficient-credits",
    "call.start.error-subscription-frozen",
    "call.start.error-subscription-wallet-does-not-exist",
    "call.start.error-get-assistant",
    "call.start.error-get-phone-number",
    "call.start.error-vapi-number-international",
    "assistant-not-found",
  ])("bad number, cancellation or account problem %s is a failure not worth retrying", (endedReason) => {
    expect(outcomeForEndedReason(endedReason)).toEqual({ outcome: "failed", retryable: false });
  });

  it.each(["hangup", "pipeline-error-openai-llm-failed", "", "constructor", "__proto__", "CUSTOMER-BUSY"])(
    "unrecognised value %j is read leniently as a retryable failure",
    (endedReason) => {
      expect(outcomeForEndedReason(endedReason)).toEqual({ outcome: "failed", retryable: true });
    },
  );
});
