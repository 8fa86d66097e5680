import { errorBody, type ErrorDetail } from "@/lib/http/errors";
import { smallJson } from "@/lib/http/small-json";
import { type DeliveryOutcome, type LeadOutcome, countOutcomes, outcomeResults } from "@/lib/webhook/outcome";

// LeadSquared shows StatusReason in its webhook history; keep it readable there.
const MAX_REASON_LENGTH = 1000;

function clip(text: string): string {
  return text.length <= MAX_REASON_LENGTH ? text : `${text.slice(0, MAX_REASON_LENGTH - 1)}…`;
}

function label(lead: LeadOutcome, index: number): string {
  return lead.crmId ? `lead ${lead.crmId}` : `lead ${index + 1}`;
}

function successReason(outcome: DeliveryOutcome): string {
  const counts = countOutcomes(outcome.leads);
  const parts = [
    counts.accepted > 0 ? `${counts.accepted} scheduled` : null,
    counts.duplicate > 0 ? `${counts.duplicate} already received` : null,
    counts.ignored > 0 ? `${counts.ignored} ignored` : null,
  ].filter((p): p is string => p !== null);
  const only = outcome.leads.length === 1 ? outcome.leads[0] : undefined;
  if (only?.status === "accepted" && only.firstAttemptAt) return `Call scheduled for ${only.firstAttemptAt}`;
  if (only?.status === "duplicate") return "Already received; no new call";
  if (only?.status === "ignored") return only.reason ?? "Ignored; no call";
  return parts.join(", ");
}

function errorReason(outcome: DeliveryOutcome): string {
  const rejected = outcome.leads.map((lead, i) => ({ lead, i })).filter(({ lead }) => lead.status === "rejected");
  if (outcome.leads.length === 1) return rejected[0]?.lead.reason ?? "Rejected";
  const list = rejected.map(({ lead, i }) => `${label(lead, i)}: ${lead.reason ?? "rejected"}`).join("; ");
  return `${rejected.length} of ${outcome.leads.length} leads rejected. ${list}`;
}

/**
 * LeadSquared marks a delivery failed on anything but 200, retries it and may disable the webhook, so data problems
 * answer 200 with Status "Error" and the reason, as LeadSquared's webhook best practices ask.
 */
export function respondToLeadSquared(outcome: DeliveryOutcome): Response {
  const anyRejected = outcome.leads.some((lead) => lead.status === "rejected");
  const empty = outcome.leads.length === 0;
  const body = {
    Status: anyRejected || empty ? "Error" : "Success",
    StatusReason: clip(empty ? "The body carried no leads" : anyRejected ? errorReason(outcome) : successReason(outcome)),
    deliveryId: outcome.deliveryId,
    results: outcomeResults(outcome.leads),
  };
  return smallJson(body, { status: 200 });
}

/**
 * A configuration error (wrong key, unknown agent, bad URL parameter). The status is kept so LeadSquared's history
 * shows a failure; the body carries our error shape and LeadSquared's Status/StatusReason.
 */
export function leadSquaredConfigError(status: number, code: string, message: string, details?: ErrorDetail[]): Response {
  return smallJson({ Status: "Error", StatusReason: clip(message), error: errorBody(code, message, details) }, { status });
}
