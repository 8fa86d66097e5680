import { describe, expect, it } from "vitest";
import { parseScheduleParams } from "./parse-schedule-params";
import { firstAttemptAt, gapToMs, planSchedule, retryAt } from "./planner";
import type { ScheduleParams } from "./types";

const ZONE = "Asia/Kolkata";
const ist = (local: string) => new Date(`${local}+05:30`);
const iso = (local: string) => ist(local).toISOString();

function params(input: Record<string, string>): ScheduleParams {
  const result = parseScheduleParams(input);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.params;
}

const WINDOW_CARRY = params({ min_trigger_time: "09:00", max_trigger_time: "18:00", carry_over: "true" });

describe("firstAttemptAt (CallKaro examples, Asia/Kolkata)", () => {
  it.each([
    {
      rule: "carry_over: lead at 10:00 is called at 10:00",
      input: { carry_over: "true" },
      lead: "2026-01-15T10:00",
      at: "2026-01-15T10:00",
      reason: { kind: "inside_window" },
    },
    {
      rule: "carry_over: lead at 19:00 waits for 09:00 next day",
      input: { carry_over: "true" },
      lead: "2026-01-15T19:00",
      at: "2026-01-16T09:00",
      reason: { kind: "carried_over", windowStart: "09:00", zone: ZONE },
    },
    {
      rule: "carry_over: lead at 07:30 waits for 09:00 same day",
      input: { carry_over: "true" },
      lead: "2026-01-15T07:30",
      at: "2026-01-15T09:00",
      reason: { kind: "carried_over", windowStart: "09:00", zone: ZONE },
    },
    {
      rule: "no carry_over: lead at 20:00 is called immediately",
      input: { carry_over: "false" },
      lead: "2026-01-15T20:00",
      at: "2026-01-15T20:00",
      reason: { kind: "window_not_enforced", window: "09:00–18:00", zone: ZONE },
    },
  ])("$rule", ({ input, lead, at, reason }) => {
    const p = params({ min_trigger_time: "09:00", max_trigger_time: "18:00", ...input });
    const first = firstAttemptAt({ receivedAt: ist(lead), params: p, zone: ZONE });
    expect(first).toEqual({ at: ist(at), reason });
  });

  it("with no window calls immediately", () => {
    expect(firstAttemptAt({ receivedAt: ist("2026-01-15T03:00"), params: params({}), zone: ZONE })).toEqual({
      at: ist("2026-01-15T03:00"),
      reason: { kind: "immediate" },
    });
  });

  it("prefers the timezone parameter over the caller's fallback zone", () => {
    const p = params({ min_trigger_time: "09:00", max_trigger_time: "18:00", carry_over: "1", timezone: "America/New_York" });
    const first = firstAttemptAt({ receivedAt: new Date("2026-01-15T19:00-05:00"), params: p, zone: ZONE });
    expect(first).toEqual({
      at: new Date("2026-01-16T09:00-05:00"),
      reason: { kind: "carried_over", windowStart: "09:00", zone: "America/New_York" },
    });
  });
});

describe("retryAt", () => {
  it("is due gap hours after the previous dial", () => {
    const p = params({ num_of_retries: "1", gap_between_retries: "0.5" });
    const next = retryAt({ previousDialedAt: ist("2026-01-15T10:07:13.5"), retryNumber: 1, params: p, zone: ZONE });
    expect(next).toEqual({ at: ist("2026-01-15T10:37:13.5"), reason: { kind: "retry_gap", gapHours: 0.5 } });
  });

  it("moves a retry due outside the window to the next window start when carry_over is on", () => {
    const p = params({
      min_trigger_time: "09:00",
      max_trigger_time: "18:00",
      carry_over: "true",
      num_of_retries: "1",
      gap_between_retries: "3",
    });
    const next = retryAt({ previousDialedAt: ist("2026-01-15T17:00"), retryNumber: 1, params: p, zone: ZONE });
    expect(next).toEqual({
      at: ist("2026-01-16T09:00"),
      reason: { kind: "retry_carried_over", gapHours: 3, windowStart: "09:00", zone: ZONE },
    });
  });

  it("keeps a retry due outside the window when carry_over is off", () => {
    const p = params({ min_trigger_time: "09:00", max_trigger_time: "18:00", num_of_retries: "1", gap_between_retries: "3" });
    const next = retryAt({ previousDialedAt: ist("2026-01-15T17:00"), retryNumber: 1, params: p, zone: ZONE });
    expect(next.at).toEqual(ist("2026-01-15T20:00"));
  });

  it.each([0, 2, 1.5])("rejects retryNumber %s outside 1..retries", (retryNumber) => {
    const p = params({ num_of_retries: "1", gap_between_retries: "1" });
    expect(() => retryAt({ previousDialedAt: ist("2026-01-15T10:00"), retryNumber, params: p, zone: ZONE })).toThrow(RangeError);
  });

  it.each([
    [0.1, 360_000],
    [1 / 3, 1_200_000],
    [2.5, 9_000_000],
    [720, 2_592_000_000],
  ])("converts %s hours to %s ms exactly", (hours, ms) => {
    expect(gapToMs(hours)).toBe(ms);
  });
});

describe("planSchedule", () => {
  it("CallKaro gaps 2,4,6,12 from 10:00 without a window: 12:00, 16:00, 22:00, 10:00 next day", () => {
    const p = params({ num_of_retries: "4", gap_between_retries: "2,4,6,12" });
    const plan = planSchedule({ createdAt: ist("2026-01-15T10:00"), params: p, zone: ZONE });
    expect(plan.map(({ attempt, at }) => [attempt, at.toISOString()])).toEqual([
      [1, iso("2026-01-15T10:00")],
      [2, iso("2026-01-15T12:00")],
      [3, iso("2026-01-15T16:00")],
      [4, iso("2026-01-15T22:00")],
      [5, iso("2026-01-16T10:00")],
    ]);
  });

  it("same gaps inside 09:00–18:00 with carry_over carry late retries to 09:00", () => {
    const p = params({
      min_trigger_time: "09:00",
      max_trigger_time: "18:00",
      carry_over: "true",
      num_of_retries: "4",
      gap_between_retries: "2,4,6,12",
    });
    const plan = planSchedule({ createdAt: ist("2026-01-15T10:00"), params: p, zone: ZONE });
    expect(plan.map(({ at, reason }) => [at.toISOString(), reason.kind])).toEqual([
      [iso("2026-01-15T10:00"), "inside_window"],
      [iso("2026-01-15T12:00"), "retry_gap"],
      [iso("2026-01-15T16:00"), "retry_gap"],
      [iso("2026-01-16T09:00"), "retry_carried_over"],
      [iso("2026-01-17T09:00"), "retry_carried_over"],
    ]);
  });

  it("has exactly one entry when there are no retries", () => {
    expect(planSchedule({ createdAt: ist("2026-01-15T19:00"), params: WINDOW_CARRY, zone: ZONE })).toHaveLength(1);
  });
});
