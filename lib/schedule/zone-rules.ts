import { Temporal } from "temporal-polyfill";
import type { LocalTime } from "./types";

export function toInstant(date: Date): Temporal.Instant {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) throw new RangeError("Invalid Date passed to the schedule planner");
  return Temporal.Instant.fromEpochMilliseconds(ms);
}

export function toDate(instant: Temporal.Instant): Date {
  return new Date(instant.epochMilliseconds);
}

/** Milliseconds since local midnight on the wall clock of `zone`. */
export function wallClockMs(instant: Temporal.Instant, zone: string): number {
  const t = instant.toZonedDateTimeISO(zone).toPlainTime();
  return ((t.hour * 60 + t.minute) * 60 + t.second) * 1000 + t.millisecond;
}

export function formatWallClock(instant: Temporal.Instant, zone: string): string {
  const t = instant.toZonedDateTimeISO(zone).toPlainTime();
  return `${String(t.hour).padStart(2, "0")}:${String(t.minute).padStart(2, "0")}`;
}

/**
 * Instants at which the wall clock shows `time` on `date`:
 * one normally, two (earlier first) in a fall-back overlap, and in a spring-forward gap
 * the transition instant, i.e. the first valid instant after the gap.
 */
export function wallTimeInstants(date: Temporal.PlainDate, time: LocalTime, zone: string): Temporal.Instant[] {
  const wall = date.toPlainDateTime({ hour: time.hour, minute: time.minute });
  const earlier = wall.toZonedDateTime(zone, { disambiguation: "earlier" });
  const later = wall.toZonedDateTime(zone, { disambiguation: "later" });
  const exists = (z: Temporal.ZonedDateTime) => z.toPlainDateTime().equals(wall);
  if (exists(earlier)) {
    return exists(later) && !later.equals(earlier) ? [earlier.toInstant(), later.toInstant()] : [earlier.toInstant()];
  }
  // In a gap, "earlier" resolves to a point before the transition, so the next transition is the gap's end.
  const transition = earlier.getTimeZoneTransition("next");
  return transition ? [transition.toInstant()] : [later.toInstant()];
}

/** Offset transitions of `zone` in (from, to]. */
export function transitionsBetween(
  from: Temporal.Instant,
  to: Temporal.Instant,
  zone: string,
): Temporal.Instant[] {
  const found: Temporal.Instant[] = [];
  let cursor: Temporal.ZonedDateTime | null = from.toZonedDateTimeISO(zone);
  for (;;) {
    cursor = cursor.getTimeZoneTransition("next");
    if (cursor === null || Temporal.Instant.compare(cursor.toInstant(), to) > 0) return found;
    found.push(cursor.toInstant());
  }
}
