import { parseLocalTime } from "@/lib/schedule/local-time";

export type OvernightWindow = {
  /** "overnight: 23 hours, from 9:00 AM until 8:00 AM the next day" */
  sentence: string;
  /** A likely intended "until" (24-hour HH:MM), or null when the window looks meant. */
  suggestedUntil: string | null;
  /** The suggestion in words, "9:00 AM to 8:00 PM". */
  suggestion: string | null;
};

const minutesOf = (text: string) => {
  const parsed = parseLocalTime(text.trim());
  return parsed.ok ? parsed.value.hour * 60 + parsed.value.minute : null;
};

/** 12-hour words, because the browser's time inputs show AM/PM and that is where the slip happens. */
export function clockWords(minutes: number): string {
  const hour = Math.floor(minutes / 60) % 24;
  const minute = String(minutes % 60).padStart(2, "0");
  return `${hour % 12 === 0 ? 12 : hour % 12}:${minute} ${hour < 12 ? "AM" : "PM"}`;
}

function durationWords(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const hours = h === 0 ? "" : `${h} hour${h === 1 ? "" : "s"}`;
  return m === 0 ? hours : `${hours}${hours ? " " : ""}${m} minute${m === 1 ? "" : "s"}`;
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;

/**
 * An "until" earlier than "from" is a valid overnight window to the webhook, but in a form it is as often a slip
 * (8:00 AM typed for 8:00 PM), so the form says what it means and offers the likely intended "until".
 */
export function overnightWindow(from: string, until: string): OvernightWindow | null {
  const start = minutesOf(from);
  const end = minutesOf(until);
  if (start === null || end === null || end >= start) return null;
  const sentence = `overnight: ${durationWords(24 * 60 - start + end)}, from ${clockWords(start)} until ${clockWords(end)} the next day`;
  // The same clock reading twelve hours later, when that still comes after "from": the AM/PM slip.
  const pm = end + 12 * 60;
  if (pm > start && pm < 24 * 60) return { sentence, suggestedUntil: hhmm(pm), suggestion: `${clockWords(start)} to ${clockWords(pm)}` };
  return { sentence, suggestedUntil: null, suggestion: null };
}
