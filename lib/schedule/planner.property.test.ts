import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseScheduleParams } from "./parse-schedule-params";
import { firstAttemptAt, planSchedule, retryAt } from "./planner";
import {
  type RefParams,
  refFirstAttempt,
  refInside,
  refNextOpening,
  refPlan,
  refRetry,
  refWallHHMM,
} from "./reference-planner.test-support";
import { type Case, caseArb } from "./schedule-arbitraries.test-support";
import type { ScheduleParams } from "./types";
import { isInsideWindow, nextWindowStart } from "./window";

function setUp(c: Case): { params: ScheduleParams; ref: RefParams; zone: string } {
  const parsed = parseScheduleParams({
    min_trigger_time: c.min,
    max_trigger_time: c.max,
    carry_over: String(c.carryOver),
    num_of_retries: String(c.gapsHours.length),
    gap_between_retries: c.gapsHours.map(String).join(","),
    timezone: c.zoneAsParam ? c.zone : undefined,
  });
  fc.pre(parsed.ok); // only an empty window (min == max, or max 00:00 alone) is rejected
  if (!parsed.ok) throw new Error("unreachable");
  const ref = { min: c.min, max: c.max, carryOver: c.carryOver, gapsHours: c.gapsHours };
  return { params: parsed.params, ref, zone: c.zoneAsParam ? "Asia/Kolkata" : c.zone };
}

const iso = (ms: number) => new Date(ms).toISOString();
const MINUTE = 60_000;

// Only CPU speed is at stake here (the reference walks minute by minute through Intl): about 1.5 s a property on an
// idle 2-core machine, several times that under a shared CI load, so the limit is wide rather than vitest's 5 s.
describe("planner agrees with the Intl minute-walking reference", { timeout: 60_000 }, () => {
  it("isInsideWindow", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { params, ref } = setUp(c);
        expect(isInsideWindow(new Date(c.instant), params.window, c.zone)).toBe(refInside(c.instant, ref, c.zone));
      }),
      { numRuns: 2000 },
    );
  });

  it("nextWindowStart", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { params, ref } = setUp(c);
        expect(iso(nextWindowStart(new Date(c.instant), params.window, c.zone).getTime())).toBe(
          iso(refNextOpening(c.instant, ref, c.zone)),
        );
      }),
      { numRuns: 1000 },
    );
  });

  it("nextWindowStart for instants walking forward, as a burst of leads asks it (the remembered opening)", () => {
    fc.assert(
      fc.property(caseArb, fc.integer({ min: 1, max: 180 }), (c, stepMinutes) => {
        const { params, ref } = setUp(c);
        for (let k = 0; k < 12; k++) {
          const at = c.instant + k * stepMinutes * MINUTE;
          expect(iso(nextWindowStart(new Date(at), params.window, c.zone).getTime())).toBe(iso(refNextOpening(at, ref, c.zone)));
        }
      }),
      // Twelve instants a run: 1,800 openings checked, more than the plain property above.
      { numRuns: 150 },
    );
  });

  it("firstAttemptAt, with a reason naming the wall time reached", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { params, ref, zone } = setUp(c);
        const first = firstAttemptAt({ receivedAt: new Date(c.instant), params, zone });
        expect(iso(first.at.getTime())).toBe(iso(refFirstAttempt(c.instant, ref, c.zone)));
        if (first.reason.kind === "carried_over") {
          expect(first.reason).toEqual({ kind: "carried_over", windowStart: refWallHHMM(first.at.getTime(), c.zone), zone: c.zone });
          expect(refInside(first.at.getTime(), ref, c.zone)).toBe(true);
        }
      }),
      { numRuns: 800 },
    );
  });

  it("retryAt", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        fc.pre(c.gapsHours.length > 0);
        const { params, ref, zone } = setUp(c);
        const retryNumber = c.gapsHours.length;
        const gap = c.gapsHours[retryNumber - 1]!;
        const next = retryAt({ previousDialedAt: new Date(c.instant), retryNumber, params, zone });
        expect(iso(next.at.getTime())).toBe(iso(refRetry(c.instant, gap, ref, c.zone)));
        expect(next.reason.kind === "retry_carried_over").toBe(next.at.getTime() !== c.instant + Math.round(gap * 3_600_000));
      }),
      { numRuns: 600 },
    );
  });

  it("planSchedule", () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const { params, ref, zone } = setUp(c);
        const plan = planSchedule({ createdAt: new Date(c.instant), params, zone });
        expect(plan.map((p) => p.attempt)).toEqual(plan.map((_, i) => i + 1));
        expect(plan.map((p) => iso(p.at.getTime()))).toEqual(refPlan(c.instant, ref, c.zone).map(iso));
      }),
      { numRuns: 300 },
    );
  });
});
