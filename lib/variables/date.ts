import { Temporal } from "temporal-polyfill";
import { type FormatResult, formatted, quote, unformattable } from "./format-result";

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
// ISO 8601 and LeadSquared's "YYYY-MM-DD HH:MM:SS(.fff)"; an absent offset means UTC, as LeadSquared's API documents.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const YEAR_FIRST = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/;
const YEAR_LAST = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
// 12–13 digits of epoch milliseconds span 1973–2286; HubSpot sends date and datetime properties this way.
const EPOCH_MILLIS = /^\d{12,13}$/;
const MS_PER_DAY = 86_400_000;

const HELP = "use YYYY-MM-DD, DD/MM/YYYY, an ISO date-time or epoch milliseconds";

function calendarDate(year: number, month: number, day: number): Temporal.PlainDate | null {
  try {
    return Temporal.PlainDate.from({ year, month, day }, { overflow: "reject" });
  } catch {
    return null;
  }
}

function dateInZone(instant: Temporal.Instant, timeZone: string): string {
  return instant.toZonedDateTimeISO(timeZone).toPlainDate().toString();
}

function normalizeOffset(offset: string | undefined): string {
  if (!offset || offset.toUpperCase() === "Z") return "Z";
  const digits = offset.slice(1).replace(":", "").padEnd(4, "0");
  return `${offset[0]}${digits.slice(0, 2)}:${digits.slice(2)}`;
}

/** Day-first unless the first number cannot be a month; "03/04/2024" is 3 April (India and most LeadSquared orgs). */
function slashDate(first: number, second: number, year: number): Temporal.PlainDate | null {
  if (first > 12 || second <= 12) return calendarDate(year, second, first);
  return calendarDate(year, first, second);
}

function parseInstantOrDate(text: string, timeZone: string): string | null {
  let m = DATE_ONLY.exec(text);
  if (m) return calendarDate(Number(m[1]), Number(m[2]), Number(m[3]))?.toString() ?? null;

  m = DATE_TIME.exec(text);
  if (m) {
    const [, y, mo, d, h, mi, s, frac, offset] = m;
    const iso = `${y}-${mo}-${d}T${h}:${mi}:${s ?? "00"}${frac ? `.${frac}` : ""}${normalizeOffset(offset)}`;
    try {
      return dateInZone(Temporal.Instant.from(iso), timeZone);
    } catch {
      return null;
    }
  }

  m = YEAR_FIRST.exec(text);
  if (m) return calendarDate(Number(m[1]), Number(m[2]), Number(m[3]))?.toString() ?? null;

  m = YEAR_LAST.exec(text);
  if (m) return slashDate(Number(m[1]), Number(m[2]), Number(m[3]))?.toString() ?? null;

  if (EPOCH_MILLIS.test(text)) {
    const millis = Number(text);
    // HubSpot stores date-only properties as midnight UTC; shifting those into a zone west of UTC would lose a day.
    if (millis % MS_PER_DAY === 0) return dateInZone(Temporal.Instant.fromEpochMilliseconds(millis), "UTC");
    return dateInZone(Temporal.Instant.fromEpochMilliseconds(millis), timeZone);
  }
  return null;
}

/**
 * Reads a CRM date or date-time and returns the ISO calendar date (YYYY-MM-DD) in `timeZone`.
 * Date-only inputs keep their calendar date; instants are converted to the zone first.
 */
export function formatDate(raw: string, timeZone = "UTC"): FormatResult {
  const text = raw.trim();
  if (text === "") return unformattable("The date is empty");
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(timeZone);
  } catch {
    return unformattable(`The time zone ${quote(timeZone)} is unknown; use an IANA name such as Asia/Kolkata`);
  }
  const date = parseInstantOrDate(text, timeZone);
  return date ? formatted(date) : unformattable(`${quote(text)} is not a date I can read: ${HELP}`);
}
