import { retryAt } from "@/lib/schedule/planner";
import type { AttemptReason, Outcome, ScheduleParams } from "@/lib/schedule/types";

export const LIVE_STATUSES = ["dialing", "in_progress"] as const;
export const OPEN_STATUSES = ["resolving", "scheduled", "dialing", "in_progress"] as const;
export const FINAL_STATUSES = ["completed", "failed", "cancelled"] as const;

export type TaskStatus = (typeof OPEN_STATUSES)[number] | (typeof FINAL_STATUSES)[number];

export type AfterAttempt =
  { kind: "retry"; at: Date; reason: AttemptReason } | { kind: "finish"; status: "completed" | "failed"; why: string };

/**
 * What happens after an attempt ended: the one place that decides between another try and the end.
 * `retryable: false` is the provider saying a retry is pointless (a misdialled number), whatever retry_on says.
 */
export function decideAfterAttempt(input: {
  params: ScheduleParams;
  zone: string;
  attemptsMade: number;
  maxAttempts: number;
  outcome: Outcome;
  retryable: boolean;
  dialedAt: Date;
}): AfterAttempt {
  const { params, outcome } = input;
  if (outcome === "completed") return { kind: "finish", status: "completed", why: "the call connected" };
  if (!input.retryable) return { kind: "finish", status: "failed", why: "the provider said another try cannot succeed" };
  if (!params.retryOn.includes(outcome)) return { kind: "finish", status: "failed", why: `retry_on does not include ${outcome}` };
  if (input.attemptsMade >= input.maxAttempts) {
    return { kind: "finish", status: "failed", why: `all ${input.maxAttempts} attempts were used` };
  }
  const next = retryAt({ previousDialedAt: input.dialedAt, retryNumber: input.attemptsMade, params, zone: input.zone });
  return { kind: "retry", at: next.at, reason: next.reason };
}

export function canCancel(status: TaskStatus): boolean {
  return status === "scheduled";
}

export function canRetryNow(status: TaskStatus): boolean {
  return status === "failed";
}

/** "Retry now" grants one attempt at once and keeps any planned ones that were left when the task stopped. */
export function maxAttemptsAfterRetryNow(task: { attemptsMade: number; maxAttempts: number }): number {
  return Math.max(task.maxAttempts, task.attemptsMade + 1);
}
