import type { ScheduleProblem } from "./types";

/** A parsed field: `value` is a usable fallback even when `problems` is non-empty, so later checks can still run. */
export type FieldResult<T> = { value: T; problems: ScheduleProblem[] };

export function valid<T>(value: T): FieldResult<T> {
  return { value, problems: [] };
}

export function invalid<T>(fallback: T, parameter: string, message: string): FieldResult<T> {
  return { value: fallback, problems: [{ parameter, message }] };
}

/** Query values are trimmed; an empty value counts as absent (e.g. `?min_trigger_time=`). */
export function readParam(input: Record<string, unknown>, name: string): string | undefined {
  const raw = input[name];
  if (typeof raw !== "string") return undefined;
  const trimmed = raw.trim();
  return trimmed === "" ? undefined : trimmed;
}

/** Shows exactly what was received, quotes included, so stray characters are visible. */
export function quote(text: string): string {
  return JSON.stringify(text);
}
