import { retryAt } from "@/lib/schedule/planner";
import type { AttemptReason, Outcome, ScheduleParams } from "@/lib/schedule/types";

export const LIVE_STATUSES = ["dialing", "in_progress"] as const;
export const OPEN_STATUSES = ["resolving", "scheduled", "dialing", "in_progress"] as const;
export const FINAL_STATUSES = ["completed", "failed", "cancelled"] as const;

export type TaskStatus = (typeof OPEN_STATUSES)[number] | (typeof FINAL_STATUSES)[number];

/** Everything that can happen to a call task; each write in lib/calls/writes.ts is one of these. */
export type TaskEvent =
  | "resolved" // the lead was read from the CRM and has a phone
  | "rejected" // the lead could not be read, or has no usable phone
  | "claimed" // a due attempt took one of its agent's slots
  | "dialed" // the provider accepted the call (or, after a crash, said it had it)
  | "dial_failed" // refused, or its result stayed unknown: the attempt ended as failed
  | "ended" // the attempt ended (report, timeout): retry or finish, by decideAfterAttempt
  | "cancelled"
  | "retry_now";

/**
 * The state machine: from-state × event → to-state. `ended` and `dial_failed` lead to `scheduled` (another try) or a
 * final state (decideAfterAttempt says which); both are listed, and the write picks the one the decision names.
 */
export const TRANSITIONS: Record<TaskEvent, { from: readonly TaskStatus[]; to: readonly TaskStatus[] }> = {
  resolved: { from: ["resolving"], to: ["scheduled"] },
  rejected: { from: ["resolving"], to: ["failed"] },
  claimed: { from: ["scheduled"], to: ["dialing"] },
  dialed: { from: ["dialing"], to: ["in_progress"] },
  dial_failed: { from: ["dialing"], to: ["scheduled", "failed"] },
  ended: { from: ["dialing", "in_progress"], to: ["scheduled", "completed", "failed"] },
  cancelled: { from: ["scheduled"], to: ["cancelled"] },
  retry_now: { from: ["failed"], to: ["scheduled"] },
};

/** The next state, or null when the event does not apply to the task's state (a stale or repeated step). */
export function transition(from: TaskStatus, event: TaskEvent, decided?: TaskStatus): TaskStatus | null {
  const rule = TRANSITIONS[event];
  if (!rule.from.includes(from)) return null;
  const to = decided ?? rule.to[0]!;
  if (!rule.to.includes(to)) throw new Error(`${event} cannot lead to ${to}`);
  return to;
}

/** Defaults (LEADLINE_DIAL_IN_FLIGHT_MS …): how long a claimed dial may go unrecorded before the provider is asked. */
export const DIAL_IN_FLIGHT_MS = 30_000;
/** A dial the provider kept refusing with 429/5xx (or could not be reached) for this long ends as failed. */
export const DIAL_GIVE_UP_MS = 10 * 60_000;
/** Slack the sweeper leaves before it calls a task overdue: a healthy engine acts well within it. */
export const SWEEP_GRACE_MS = 30_000;

/**
 * When an open task must next be acted on, whoever holds it: the engine's promise that nothing waits for ever. The
 * sweeper (lib/calls/wakeups.ts) wakes every task whose deadline passed, by the same rule in SQL; a due task held back
 * by its agent's cap waits for a free slot, which the live attempts' own deadlines guarantee.
 */
export function deadlineOf(
  task: { status: TaskStatus; nextAttemptAt: Date | null; updatedAt: Date },
  attempt: { dialedAt: Date | null } | null,
  outcomeTimeoutMs: number,
  dialInFlightMs = DIAL_IN_FLIGHT_MS,
): Date | null {
  switch (task.status) {
    case "scheduled":
      return task.nextAttemptAt ?? task.updatedAt;
    case "resolving":
      return task.updatedAt;
    case "dialing":
      return new Date(task.updatedAt.getTime() + dialInFlightMs);
    case "in_progress":
      return new Date((attempt?.dialedAt ?? task.updatedAt).getTime() + outcomeTimeoutMs);
    default:
      return null;
  }
}

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
