/** Wall-clock time of day. `{ hour: 24, minute: 0 }` only appears as a window end, meaning "until midnight". */
export type LocalTime = { hour: number; minute: number };

/**
 * Calling window in local wall time, both ends inclusive.
 * `start > end` is an overnight window (e.g. 22:00–06:00).
 */
export type CallingWindow = { start: LocalTime; end: LocalTime };

export const OUTCOMES = ["completed", "no_answer", "busy", "voicemail", "failed"] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Everything except a connected call may be retried. */
export const RETRYABLE_OUTCOMES: readonly Outcome[] = ["no_answer", "busy", "voicemail", "failed"];

export type ScheduleParams = {
  window: CallingWindow | null;
  carryOver: boolean;
  retries: number;
  gapsHours: number[];
  /** IANA zone name; null means "use the caller's fallback zone". */
  timezone: string | null;
  retryOn: Outcome[];
};

export type ScheduleProblem = { parameter: string; message: string };

export type ParseScheduleResult = { ok: true; params: ScheduleParams } | { ok: false; problems: ScheduleProblem[] };

/** Why an attempt lands when it does; renderable with `describeReason`. */
export type AttemptReason =
  | { kind: "immediate" }
  | { kind: "inside_window" }
  | { kind: "window_not_enforced"; window: string; zone: string }
  | { kind: "carried_over"; windowStart: string; zone: string }
  | { kind: "retry_gap"; gapHours: number }
  | { kind: "retry_carried_over"; gapHours: number; windowStart: string; zone: string }
  | { kind: "retry_now" };

export type PlannedAttempt = { at: Date; reason: AttemptReason };

export type ScheduledAttempt = PlannedAttempt & { attempt: number };
