export { describeReason } from "./describe-reason";
export { END_OF_DAY, formatLocalTime, formatWindow } from "./local-time";
export { scheduleParamsSchema, type ScheduleParamsSchemaInput } from "./params-schema";
export {
  SCHEDULE_PARAM_NAMES,
  parseScheduleParams,
  type ScheduleParamName,
} from "./parse-schedule-params";
export {
  effectiveZone,
  firstAttemptAt,
  gapToMs,
  planSchedule,
  retryAt,
  shouldRetry,
  type PlanContext,
} from "./planner";
export { MAX_GAP_HOURS, MAX_RETRIES } from "./retry-params";
export { normalizeTimeZone } from "./time-zone";
export {
  OUTCOMES,
  RETRYABLE_OUTCOMES,
  type AttemptReason,
  type CallingWindow,
  type LocalTime,
  type Outcome,
  type ParseScheduleResult,
  type PlannedAttempt,
  type ScheduleParams,
  type ScheduleProblem,
  type ScheduledAttempt,
} from "./types";
export { isInsideWindow, nextWindowStart } from "./window";
export { withAgentDefaults } from "./merge-defaults";
