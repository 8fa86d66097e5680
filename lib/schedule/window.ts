import { Temporal } from "temporal-polyfill";
import { setBounded } from "@/lib/bounded-map";
import { msOfDayInWindow } from "./local-time";
import type { CallingWindow } from "./types";
import { toDate, toInstant, transitionsBetween, wallClockMs, wallTimeInstants } from "./zone-rules";

// A window opens at least once in any two local days, even when a DST gap swallows one day's window.
const SEARCH_DAYS = 3;

/** Membership compares the instant's local wall-clock time with the window; no window means always allowed. */
export function insideWindowAt(instant: Temporal.Instant, window: CallingWindow | null, zone: string): boolean {
  return window === null || msOfDayInWindow(wallClockMs(instant, zone), window);
}

/**
 * The first instant at or after `from` whose wall-clock time is inside the window.
 * Entry happens either where the clock shows the window start (every occurrence,
 * so a fall-back overlap yields the earlier one first) or at an offset transition
 * (a spring-forward gap over the start, or a fall-back jumping back into the window).
 */
export function windowOpeningAt(from: Temporal.Instant, window: CallingWindow | null, zone: string): Temporal.Instant {
  if (window === null || insideWindowAt(from, window, zone)) return from;
  // The opening found for an earlier closed instant is also the opening for every instant between the two: a burst
  // of leads at night costs one search, not one each.
  const key = `${zone} ${window.start.hour}:${window.start.minute}-${window.end.hour}:${window.end.minute}`;
  const known = lastOpening.get(key);
  if (known && Temporal.Instant.compare(known.from, from) <= 0 && Temporal.Instant.compare(from, known.opening) < 0) return known.opening;
  const opening = searchOpening(from, window, zone);
  setBounded(lastOpening, key, { from, opening }, MEMO_SIZE);
  return opening;
}

// One entry per zone and window in use; the oldest goes first.
const MEMO_SIZE = 500;
const lastOpening = new Map<string, { from: Temporal.Instant; opening: Temporal.Instant }>();

function searchOpening(from: Temporal.Instant, window: CallingWindow, zone: string): Temporal.Instant {
  const firstDay = from.toZonedDateTimeISO(zone).toPlainDate();
  const candidates: Temporal.Instant[] = [];
  for (let day = 0; day <= SEARCH_DAYS; day++) {
    candidates.push(...wallTimeInstants(firstDay.add({ days: day }), window.start, zone));
  }
  candidates.push(...transitionsBetween(from, from.add({ hours: 24 * SEARCH_DAYS }), zone));

  let best: Temporal.Instant | null = null;
  for (const candidate of candidates) {
    if (Temporal.Instant.compare(candidate, from) < 0) continue;
    if (best !== null && Temporal.Instant.compare(candidate, best) >= 0) continue;
    if (insideWindowAt(candidate, window, zone)) best = candidate;
  }
  if (best === null) throw new Error(`No calling window opening found within ${SEARCH_DAYS} days in ${zone}`);
  return best;
}

export function isInsideWindow(instant: Date, window: CallingWindow | null, zone: string): boolean {
  return insideWindowAt(toInstant(instant), window, zone);
}

/**
 * Earliest instant at or after `instant` at which calling is allowed:
 * `instant` itself when already inside the window (or there is no window).
 */
export function nextWindowStart(instant: Date, window: CallingWindow | null, zone: string): Date {
  return toDate(windowOpeningAt(toInstant(instant), window, zone));
}
