// Test-only fast-check generators. Transitions are located with Intl (via the reference),
// so input generation does not lean on the Temporal rules under test either.
import fc from "fast-check";
import { refOffset, refWallHHMM } from "./reference-planner.test-support";

export const ZONES = ["America/New_York", "Europe/London", "Australia/Sydney", "Asia/Kolkata", "Asia/Kathmandu", "Pacific/Chatham", "UTC"];
const FROM = Date.UTC(2024, 0, 1);
const TO = Date.UTC(2031, 0, 1);
const MINUTE = 60_000;
const DAY = 86_400_000;

type Transition = { zone: string; at: number; offsetBefore: number };

/** Exact offset changes: a daily scan, then bisection to the minute. */
function findTransitions(zone: string): Transition[] {
  const found: Transition[] = [];
  let previous = refOffset(FROM, zone);
  for (let ms = FROM + DAY; ms < TO; ms += DAY) {
    const offset = refOffset(ms, zone);
    if (offset === previous) continue;
    let [lo, hi] = [ms - DAY, ms];
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
      if (refOffset(mid, zone) === previous) lo = mid;
      else hi = mid;
    }
    found.push({ zone, at: hi, offsetBefore: previous });
    previous = offset;
  }
  return found;
}

const TRANSITIONS = ZONES.flatMap(findTransitions);

const hhmm = (minutes: number, pad: boolean) => {
  const m = ((minutes % 1440) + 1440) % 1440;
  const hour = Math.floor(m / 60);
  return `${pad ? String(hour).padStart(2, "0") : hour}:${String(m % 60).padStart(2, "0")}`;
};

const timeArb = fc.record({ minutes: fc.integer({ min: 0, max: 1439 }), pad: fc.boolean() }).map(({ minutes, pad }) => hhmm(minutes, pad));

const gapArb = fc.oneof(
  fc.integer({ min: 1, max: 48 }),
  fc.double({ min: 0.01, max: 72, noNaN: true }),
  fc.double({ min: 72, max: 720, noNaN: true }),
);

const common = {
  nudge: fc.constantFrom(-1, 0, 0, 1),
  carryOver: fc.boolean(),
  gapsHours: fc.array(gapArb, { maxLength: 10 }),
  zoneAsParam: fc.boolean(),
};

/** Anywhere in 2024–2030, any window; sometimes anchored on the instant's own wall time to hit inclusive ends. */
const generalArb = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    instant: fc.integer({ min: FROM, max: TO }),
    min: fc.option(timeArb, { nil: undefined }),
    max: fc.option(timeArb, { nil: undefined }),
    anchor: fc.constantFrom("none", "none", "min", "max"),
    ...common,
  })
  .map(({ anchor, ...c }) => {
    if (anchor === "none") return c;
    const minute = Math.floor(c.instant / MINUTE) * MINUTE;
    return { ...c, [anchor]: refWallHHMM(minute, c.zone), instant: minute + c.nudge };
  });

/** Near a real offset change, with window ends on wall times around it, including nonexistent and repeated ones. */
const dstArb = fc
  .record({
    transition: fc.constantFrom(...TRANSITIONS),
    deltaMinutes: fc.integer({ min: -6 * 60, max: 6 * 60 }),
    minStep: fc.option(fc.integer({ min: -8, max: 8 }), { nil: undefined }),
    maxStep: fc.option(fc.integer({ min: -8, max: 8 }), { nil: undefined }),
    stepMinutes: fc.constantFrom(1, 10, 15, 30),
    pad: fc.boolean(),
    ...common,
  })
  .map(({ transition, deltaMinutes, minStep, maxStep, stepMinutes, pad, ...c }) => {
    // Wall time the clock would show at the transition without the change (02:00 for New York both ways).
    const wallBefore = Math.floor((transition.at + transition.offsetBefore) / MINUTE);
    const time = (step: number | undefined) => (step === undefined ? undefined : hhmm(wallBefore + step * stepMinutes, pad));
    return {
      ...c,
      zone: transition.zone,
      instant: transition.at + deltaMinutes * MINUTE + c.nudge,
      min: time(minStep),
      max: time(maxStep),
    };
  });

export const caseArb = fc.oneof(generalArb, dstArb);

export type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;
