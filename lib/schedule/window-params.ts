import { type FieldResult, invalid, quote, valid } from "./field-result";
import { END_OF_DAY, START_OF_DAY, formatLocalTime, parseLocalTime, sameLocalTime } from "./local-time";
import type { CallingWindow, LocalTime, ScheduleProblem } from "./types";

const MIN = "min_trigger_time";
const MAX = "max_trigger_time";

function parseTimeParam(name: string, text: string | undefined): FieldResult<LocalTime | null> {
  if (text === undefined) return valid(null);
  const parsed = parseLocalTime(text);
  if (parsed.ok) return valid(parsed.value);
  const given = `${name} is ${quote(text)}`;
  switch (parsed.issue) {
    case "format":
      return invalid(null, name, `${given}, which is not a time: use 24-hour HH:MM or H:MM, e.g. 09:00 or 9:00`);
    case "hour":
      return invalid(null, name, `${given}, whose hour is above 23: hours go from 0 to 23, e.g. 23:59 for one minute before midnight`);
    case "minute":
      return invalid(null, name, `${given}, whose minutes are above 59: minutes go from 00 to 59, e.g. 18:59`);
  }
}

/**
 * Builds the calling window from the two optional bounds.
 * Only min → until midnight; only max → from midnight; min after max → overnight.
 */
export function parseWindowParams(minText: string | undefined, maxText: string | undefined): FieldResult<CallingWindow | null> {
  const min = parseTimeParam(MIN, minText);
  const max = parseTimeParam(MAX, maxText);
  const problems: ScheduleProblem[] = [...min.problems, ...max.problems];
  if (problems.length > 0) return { value: null, problems };

  if (min.value === null && max.value === null) return valid(null);
  if (min.value !== null && max.value === null) return valid({ start: min.value, end: END_OF_DAY });

  const end = max.value as LocalTime;
  const start = min.value ?? START_OF_DAY;
  if (sameLocalTime(start, end)) {
    const shown = formatLocalTime(end);
    const message =
      min.value === null
        ? `${MAX} is ${shown} with no ${MIN}, and an absent ${MIN} means 00:00, so the window would be the single instant of midnight: give a later ${MAX} such as 18:00, or also give ${MIN}`
        : `${MIN} and ${MAX} are both ${shown}, which leaves no time to call: make ${MAX} later (e.g. 18:00), or earlier than ${MIN} for an overnight window`;
    return invalid(null, MAX, message);
  }
  return valid({ start, end });
}
