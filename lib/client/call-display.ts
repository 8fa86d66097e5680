/** What Call History and a call's page say about a call's lead and number; pure, so the wording is tested once. */
type CallLike = {
  status: string;
  phone: string;
  leadName: string | null;
  crmLeadId: string | null;
  attemptsMade: number;
  lastError: string | null;
  nextAttemptReason: { text: string } | null;
};

/** The lead's name when the CRM gave one, else its CRM id; the id then shows as secondary text. */
export function leadTitle(call: Pick<CallLike, "leadName" | "crmLeadId">): string {
  return call.leadName?.trim() || call.crmLeadId || "Unnamed lead";
}

/** The CRM id, when the title is a name (so the id is not shown twice). */
export function leadSecondaryId(call: Pick<CallLike, "leadName" | "crmLeadId">): string | null {
  return call.leadName?.trim() && call.crmLeadId ? call.crmLeadId : null;
}

/** The number, or why there is none: still being read, or never read because the call stopped first. */
export function phoneText(call: Pick<CallLike, "status" | "phone">): string {
  if (call.phone) return call.phone;
  if (call.status === "resolving") return "reading from CRM…";
  return "no number";
}

/** Why a call stopped, for a failed or cancelled one: its last error, else the reason it has no next attempt. */
export function callProblem(call: Pick<CallLike, "status" | "lastError" | "nextAttemptReason">): string | null {
  if (call.status !== "failed" && call.status !== "cancelled") return null;
  return call.lastError ?? call.nextAttemptReason?.text ?? null;
}

/** True when the call stopped before any attempt was dialed, e.g. the CRM lead had no usable phone. */
export function failedBeforeDialing(call: Pick<CallLike, "status" | "attemptsMade">): boolean {
  return call.status === "failed" && call.attemptsMade === 0;
}
