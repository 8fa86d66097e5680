import { Temporal } from "temporal-polyfill";
import { setBounded } from "@/lib/bounded-map";
import type { LocalTime } from "./types";

export function toInstant(date: Date): Temporal.Instant {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) throw new RangeError("Invalid Date passed to the schedule planner");
  return Temporal.Instant.fromEpochMilliseconds(ms);
}

export function toDate(instant: Temporal.Instant): Date {
  return new Date(instant.epochMilliseconds);
}

const MS_PER_DAY = 86_400_000;

// A zone's offset holds from one transition to the next, so one lookup (the costly part of the Temporal polyfill)
// serves every instant up to the next transition: the planner reads wall clocks for every lead of a burst. A few
// spans per zone, so planning today's leads and next month's retries in turn does not look both up again and again.
type OffsetSpan = { from: number; until: number; offsetMs: number };
const offsetSpans = new Map<string, OffsetSpan[]>();
const SPANS_PER_ZONE = 4;
const MAX_ZONES = 500;

function offsetMsAt(instant: Temporal.Instant, zone: string): number {
  const ms = instant.epochMilliseconds;
  const spans = offsetSpans.get(zone) ?? [];
  const known = spans.find((s) => s.from <= ms && ms < s.until);
  if (known) return known.offsetMs;
  const zoned = instant.toZonedDateTimeISO(zone);
  const previous = zoned.getTimeZoneTransition("previous");
  const next = zoned.getTimeZoneTransition("next");
  const offsetMs = zoned.offsetNanoseconds / 1e6;
  // "previous" is strictly earlier: at a transition itself, the span starts here.
  const from = previous === null ? -Infinity : previous.offsetNanoseconds === zoned.offsetNanoseconds ? previous.epochMilliseconds : ms;
  setBounded(
    offsetSpans,
    zone,
    [{ from, until: next ? next.epochMilliseconds : Infinity, offsetMs }, ...spans.slice(0, SPANS_PER_ZONE - 1)],
    MAX_ZONES,
  );
  return offsetMs;
}

/** Milliseconds since local midnight on the wall clock of `zone`. */
export function wallClockMs(instant: Temporal.Instant, zone: string): number {
  const local = instant.epochMilliseconds + offsetMsAt(instant, zone);
  return ((local % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY;
}

export function formatWallClock(instant: Temporal.Instant, zone: string): string {
  const minutes = Math.floor(wallClockMs(instant, zone) / 60_000);
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
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
export function transitionsBetween(from: Temporal.Instant, to: Temporal.Instant, zone: string): Temporal.Instant[] {
  const found: Temporal.Instant[] = [];
  let cursor: Temporal.ZonedDateTime | null = from.toZonedDateTimeISO(zone);
  for (;;) {
    cursor = cursor.getTimeZoneTransition("next");
    if (cursor === null || Temporal.Instant.compare(cursor.toInstant(), to) > 0) return found;
    found.push(cursor.toInstant());
  }
}
