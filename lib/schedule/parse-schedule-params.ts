import { readParam } from "./field-result";
import { parseCarryOver, parseRetryOn, parseTimezone } from "./option-params";
import { parseGaps, parseRetries } from "./retry-params";
import type { ParseScheduleResult, ScheduleProblem } from "./types";
import { parseWindowParams } from "./window-params";

/** Query parameter names, CallKaro-compatible. Any other key in the input is ignored. */
export const SCHEDULE_PARAM_NAMES = [
  "min_trigger_time",
  "max_trigger_time",
  "carry_over",
  "num_of_retries",
  "gap_between_retries",
  "timezone",
  "retry_on",
] as const;

export type ScheduleParamName = (typeof SCHEDULE_PARAM_NAMES)[number];

/**
 * Validates and normalizes webhook query parameters, reporting every problem at once
 * (in the order of SCHEDULE_PARAM_NAMES) rather than stopping at the first.
 */
export function parseScheduleParams(input: Record<string, string | null | undefined>): ParseScheduleResult {
  const read = (name: ScheduleParamName) => readParam(input, name);

  const window = parseWindowParams(read("min_trigger_time"), read("max_trigger_time"));
  const carryOver = parseCarryOver(read("carry_over"));
  const retriesText = read("num_of_retries");
  const retries = parseRetries(retriesText);
  const gaps = parseGaps(read("gap_between_retries"), retries.value, retriesText !== undefined);
  const timezone = parseTimezone(read("timezone"));
  const retryOn = parseRetryOn(read("retry_on"));

  const problems: ScheduleProblem[] = [
    ...window.problems,
    ...carryOver.problems,
    ...retries.problems,
    ...gaps.problems,
    ...timezone.problems,
    ...retryOn.problems,
  ];
  if (problems.length > 0 || retries.value === null) return { ok: false, problems };

  return {
    ok: true,
    params: {
      window: window.value,
      carryOver: carryOver.value,
      retries: retries.value,
      gapsHours: gaps.value,
      timezone: timezone.value,
      retryOn: retryOn.value,
    },
  };
}
