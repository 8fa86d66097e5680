import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import { formatWallClock, wallClockMs } from "./zone-rules";

const ZONES = [
  "Asia/Kolkata",
  "America/New_York",
  "Europe/London",
  "Australia/Lord_Howe",
  "America/Santiago",
  "Pacific/Chatham",
  "Africa/Casablanca",
  "UTC",
];

// Straight from Temporal, without the remembered offset spans.
function reference(instant: Temporal.Instant, zone: string): number {
  const t = instant.toZonedDateTimeISO(zone).toPlainTime();
  return ((t.hour * 60 + t.minute) * 60 + t.second) * 1000 + t.millisecond;
}

describe("wallClockMs", () => {
  it("reads the same wall clock as Temporal at any instant, in any order, across transitions", () => {
    const instant = fc
      .integer({ min: Date.parse("1990-01-01"), max: Date.parse("2045-01-01") })
      .map((ms) => Temporal.Instant.fromEpochMilliseconds(ms));
    fc.assert(
      fc.property(fc.array(fc.tuple(instant, fc.constantFrom(...ZONES)), { minLength: 1, maxLength: 30 }), (reads) => {
        for (const [at, zone] of reads) expect(wallClockMs(at, zone)).toBe(reference(at, zone));
      }),
      { numRuns: 300 },
    );
  });

  it("is exact on both sides of a transition and at the transition itself", () => {
    for (const zone of ZONES) {
      const transition = Temporal.Instant.from("2030-01-01T00:00:00Z").toZonedDateTimeISO(zone).getTimeZoneTransition("next");
      if (!transition) continue;
      const t = transition.toInstant();
      // After the transition first, so a span remembered there is then asked about earlier instants.
      for (const offset of [0, 1, -1, 3_600_000, -3_600_000, -86_400_000, 1]) {
        const at = t.add({ milliseconds: offset });
        expect([zone, offset, wallClockMs(at, zone)]).toEqual([zone, offset, reference(at, zone)]);
      }
    }
  });

  it("formats the wall clock as HH:MM", () => {
    expect(formatWallClock(Temporal.Instant.from("2030-03-10T07:05:59Z"), "America/New_York")).toBe("03:05");
    expect(formatWallClock(Temporal.Instant.from("2030-01-07T03:30:00Z"), "Asia/Kolkata")).toBe("09:00");
  });
});
