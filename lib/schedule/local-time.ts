import type { CallingWindow, LocalTime } from "./types";

const MS_PER_MINUTE = 60_000;
const MS_PER_HOUR = 3_600_000;

/** Window end used when only a start is given: inclusive of everything before the next midnight. */
export const END_OF_DAY: LocalTime = { hour: 24, minute: 0 };
export const START_OF_DAY: LocalTime = { hour: 0, minute: 0 };

export type LocalTimeParse = { ok: true; value: LocalTime } | { ok: false; issue: "format" | "hour" | "minute" };

/** Accepts `HH:MM` and `H:MM` in 24-hour form. */
export function parseLocalTime(text: string): LocalTimeParse {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!match) return { ok: false, issue: "format" };
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  if (hour > 23) return { ok: false, issue: "hour" };
  if (minute > 59) return { ok: false, issue: "minute" };
  return { ok: true, value: { hour, minute } };
}

export function formatLocalTime(time: LocalTime): string {
  return `${String(time.hour).padStart(2, "0")}:${String(time.minute).padStart(2, "0")}`;
}

export function formatWindow(window: CallingWindow): string {
  return `${formatLocalTime(window.start)}–${formatLocalTime(window.end)}`;
}

export function localTimeToMs(time: LocalTime): number {
  return time.hour * MS_PER_HOUR + time.minute * MS_PER_MINUTE;
}

export function sameLocalTime(a: LocalTime, b: LocalTime): boolean {
  return a.hour === b.hour && a.minute === b.minute;
}

/**
 * Membership of a wall-clock position (ms since local midnight) in a window.
 * Ends are inclusive; an END_OF_DAY end admits every time of day after the start.
 */
export function msOfDayInWindow(msOfDay: number, window: CallingWindow): boolean {
  const start = localTimeToMs(window.start);
  const end = localTimeToMs(window.end);
  if (start <= end) return msOfDay >= start && msOfDay <= end;
  return msOfDay >= start || msOfDay <= end;
}
