import { describe, expect, it } from "vitest";
import { parseScheduleParams } from "./parse-schedule-params";
import { firstAttemptAt } from "./planner";
import type { CallingWindow } from "./types";
import { isInsideWindow, nextWindowStart } from "./window";

const w = (start: [number, number], end: [number, number]): CallingWindow => ({
  start: { hour: start[0], minute: start[1] },
  end: { hour: end[0], minute: end[1] },
});

describe("window starts across daylight-saving changes", () => {
  it.each([
    {
      rule: "spring forward: nonexistent 02:30 start moves to the 03:00 EDT transition, not 03:30",
      zone: "America/New_York",
      window: w([2, 30], [5, 0]),
      from: "2026-03-08T01:00-05:00",
      expected: "2026-03-08T07:00:00.000Z",
    },
    {
      rule: "fall back: ambiguous 01:30 start takes the earlier 01:30 EDT",
      zone: "America/New_York",
      window: w([1, 30], [5, 0]),
      from: "2026-11-01T00:00-04:00",
      expected: "2026-11-01T05:30:00.000Z",
    },
    {
      rule: "fall back: after the first 01:30–01:40 has passed, the repeated wall time 01:30 EST is inside again",
      zone: "America/New_York",
      window: w([1, 30], [1, 40]),
      from: "2026-11-01T01:50-04:00",
      expected: "2026-11-01T06:30:00.000Z",
    },
    {
      rule: "fall back: clocks jumping back into the window open it at the transition",
      zone: "America/New_York",
      window: w([0, 30], [1, 40]),
      from: "2026-11-01T01:50-04:00",
      expected: "2026-11-01T06:00:00.000Z",
    },
    {
      rule: "a window lying wholly inside the spring-forward gap does not occur that day",
      zone: "America/New_York",
      window: w([2, 0], [2, 30]),
      from: "2026-03-08T01:00-05:00",
      expected: "2026-03-09T06:00:00.000Z",
    },
    {
      rule: "Pacific/Chatham spring forward at 02:45 +12:45 → 03:45 +13:45 opens a 03:00 window at the transition",
      zone: "Pacific/Chatham",
      window: w([3, 0], [5, 0]),
      from: "2026-09-27T02:00+12:45",
      expected: "2026-09-26T14:00:00.000Z",
    },
    {
      rule: "Pacific/Chatham fall back: ambiguous 03:00 takes the earlier +13:45",
      zone: "Pacific/Chatham",
      window: w([3, 0], [5, 0]),
      from: "2026-04-05T01:00+13:45",
      expected: "2026-04-04T13:15:00.000Z",
    },
    {
      rule: "Australia/Sydney fall back: ambiguous 02:30 takes the earlier AEDT",
      zone: "Australia/Sydney",
      window: w([2, 30], [4, 0]),
      from: "2026-04-05T01:00+11:00",
      expected: "2026-04-04T15:30:00.000Z",
    },
    {
      rule: "Australia/Sydney spring forward: nonexistent 02:15 moves to 03:00 AEDT",
      zone: "Australia/Sydney",
      window: w([2, 15], [4, 0]),
      from: "2026-10-04T01:00+10:00",
      expected: "2026-10-03T16:00:00.000Z",
    },
    {
      rule: "Europe/London spring forward: nonexistent 01:15 moves to 02:00 BST",
      zone: "Europe/London",
      window: w([1, 15], [3, 0]),
      from: "2026-03-29T00:30+00:00",
      expected: "2026-03-29T01:00:00.000Z",
    },
    {
      rule: "Europe/London fall back: ambiguous 01:15 takes the earlier BST",
      zone: "Europe/London",
      window: w([1, 15], [3, 0]),
      from: "2026-10-25T00:30+01:00",
      expected: "2026-10-25T00:15:00.000Z",
    },
  ])("$rule", ({ zone, window, from, expected }) => {
    expect(nextWindowStart(new Date(from), window, zone).toISOString()).toBe(expected);
  });

  it("judges membership by wall time: 03:10 EDT on the spring-forward day is inside 02:30–05:00", () => {
    expect(isInsideWindow(new Date("2026-03-08T03:10-04:00"), w([2, 30], [5, 0]), "America/New_York")).toBe(true);
    expect(isInsideWindow(new Date("2026-03-08T01:59:59.999-05:00"), w([2, 30], [5, 0]), "America/New_York")).toBe(false);
  });

  it("judges membership by wall time: both 01:30 EDT and 01:30 EST are inside 01:00–01:45", () => {
    expect(isInsideWindow(new Date("2026-11-01T01:30-04:00"), w([1, 0], [1, 45]), "America/New_York")).toBe(true);
    expect(isInsideWindow(new Date("2026-11-01T01:30-05:00"), w([1, 0], [1, 45]), "America/New_York")).toBe(true);
    expect(isInsideWindow(new Date("2026-11-01T01:50-04:00"), w([1, 0], [1, 45]), "America/New_York")).toBe(false);
  });

  it("firstAttemptAt reports the wall time actually reached on a spring-forward day", () => {
    const parsed = parseScheduleParams({
      min_trigger_time: "02:30",
      max_trigger_time: "05:00",
      carry_over: "true",
      timezone: "America/New_York",
    });
    if (!parsed.ok) throw new Error("fixture should parse");
    const first = firstAttemptAt({ receivedAt: new Date("2026-03-08T01:00-05:00"), params: parsed.params, zone: "UTC" });
    expect(first.at.toISOString()).toBe("2026-03-08T07:00:00.000Z");
    expect(first.reason).toEqual({ kind: "carried_over", windowStart: "03:00", zone: "America/New_York" });
  });
});
