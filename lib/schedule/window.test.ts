import { describe, expect, it } from "vitest";
import type { CallingWindow } from "./types";
import { isInsideWindow, nextWindowStart } from "./window";

const t = (hour: number, minute: number) => ({ hour, minute });
const NINE_TO_SIX: CallingWindow = { start: t(9, 0), end: t(18, 0) };
const OVERNIGHT: CallingWindow = { start: t(22, 0), end: t(6, 0) };
const ONLY_MIN: CallingWindow = { start: t(22, 0), end: t(24, 0) };
const ONLY_MAX: CallingWindow = { start: t(0, 0), end: t(6, 0) };

describe("isInsideWindow compares local wall-clock time, both ends inclusive", () => {
  it.each([
    { rule: "start is inside", window: NINE_TO_SIX, at: "2026-01-15T09:00:00.000+05:30", inside: true },
    { rule: "just before start is outside", window: NINE_TO_SIX, at: "2026-01-15T08:59:59.999+05:30", inside: false },
    { rule: "exactly 18:00:00 is inside", window: NINE_TO_SIX, at: "2026-01-15T18:00:00.000+05:30", inside: true },
    { rule: "18:00:00.001 is outside", window: NINE_TO_SIX, at: "2026-01-15T18:00:00.001+05:30", inside: false },
    { rule: "18:00:01 is outside", window: NINE_TO_SIX, at: "2026-01-15T18:00:01+05:30", inside: false },
    { rule: "overnight: late evening inside", window: OVERNIGHT, at: "2026-01-15T23:30+05:30", inside: true },
    { rule: "overnight: after midnight inside", window: OVERNIGHT, at: "2026-01-16T03:00+05:30", inside: true },
    { rule: "overnight: 06:00 end inside", window: OVERNIGHT, at: "2026-01-16T06:00+05:30", inside: true },
    { rule: "overnight: 06:00:00.001 outside", window: OVERNIGHT, at: "2026-01-16T06:00:00.001+05:30", inside: false },
    { rule: "overnight: midday outside", window: OVERNIGHT, at: "2026-01-16T12:00+05:30", inside: false },
    { rule: "overnight: 21:59:59.999 outside", window: OVERNIGHT, at: "2026-01-16T21:59:59.999+05:30", inside: false },
    { rule: "only min: last millisecond of the day inside", window: ONLY_MIN, at: "2026-01-15T23:59:59.999+05:30", inside: true },
    { rule: "only min: midnight outside", window: ONLY_MIN, at: "2026-01-16T00:00+05:30", inside: false },
    { rule: "only max: midnight inside", window: ONLY_MAX, at: "2026-01-16T00:00+05:30", inside: true },
    { rule: "only max: max inside", window: ONLY_MAX, at: "2026-01-16T06:00+05:30", inside: true },
    { rule: "only max: after max outside", window: ONLY_MAX, at: "2026-01-16T06:00:00.001+05:30", inside: false },
    { rule: "no window is always inside", window: null, at: "2026-01-16T03:00+05:30", inside: true },
  ])("$rule ($at)", ({ window, at, inside }) => {
    expect(isInsideWindow(new Date(at), window, "Asia/Kolkata")).toBe(inside);
  });

  it.each([
    { zone: "Asia/Kolkata", inside: "2026-06-10T09:00+05:30", outside: "2026-06-10T08:59+05:30" },
    { zone: "Asia/Kathmandu", inside: "2026-06-10T18:00+05:45", outside: "2026-06-10T18:01+05:45" },
    { zone: "Pacific/Chatham", inside: "2026-01-10T09:00+13:45", outside: "2026-01-10T08:59+13:45" },
    { zone: "Pacific/Chatham", inside: "2026-07-10T09:00+12:45", outside: "2026-07-10T08:59+12:45" },
    { zone: "Australia/Sydney", inside: "2026-01-10T18:00+11:00", outside: "2026-07-10T18:00:01+10:00" },
    { zone: "Europe/London", inside: "2026-07-10T09:00+01:00", outside: "2026-01-10T08:59+00:00" },
  ])("uses the zone's own offset in $zone", ({ zone, inside, outside }) => {
    expect(isInsideWindow(new Date(inside), NINE_TO_SIX, zone)).toBe(true);
    expect(isInsideWindow(new Date(outside), NINE_TO_SIX, zone)).toBe(false);
  });
});

describe("nextWindowStart", () => {
  it.each([
    {
      rule: "inside the window returns the instant itself",
      window: NINE_TO_SIX,
      from: "2026-01-15T12:34:56.789+05:30",
      expected: "2026-01-15T12:34:56.789+05:30",
    },
    {
      rule: "before the start moves to today's start",
      window: NINE_TO_SIX,
      from: "2026-01-15T07:00+05:30",
      expected: "2026-01-15T09:00+05:30",
    },
    {
      rule: "after the end moves to tomorrow's start",
      window: NINE_TO_SIX,
      from: "2026-01-15T18:00:00.001+05:30",
      expected: "2026-01-16T09:00+05:30",
    },
    {
      rule: "overnight from midday moves to 22:00 the same day",
      window: OVERNIGHT,
      from: "2026-01-15T12:00+05:30",
      expected: "2026-01-15T22:00+05:30",
    },
    {
      rule: "only min from midnight moves to the min",
      window: ONLY_MIN,
      from: "2026-01-15T00:00+05:30",
      expected: "2026-01-15T22:00+05:30",
    },
    {
      rule: "only max after max moves to the next midnight",
      window: ONLY_MAX,
      from: "2026-01-15T07:00+05:30",
      expected: "2026-01-16T00:00+05:30",
    },
  ])("$rule", ({ window, from, expected }) => {
    expect(nextWindowStart(new Date(from), window, "Asia/Kolkata").toISOString()).toBe(new Date(expected).toISOString());
  });

  it.each([
    { zone: "Asia/Kathmandu", from: "2026-06-10T18:30+05:45", expected: "2026-06-11T03:15:00.000Z" },
    { zone: "Pacific/Chatham", from: "2026-01-15T20:00+13:45", expected: "2026-01-15T19:15:00.000Z" },
    { zone: "Australia/Sydney", from: "2026-07-15T19:00+10:00", expected: "2026-07-15T23:00:00.000Z" },
    { zone: "Europe/London", from: "2026-07-15T19:00+01:00", expected: "2026-07-16T08:00:00.000Z" },
  ])("opens at 09:00 local in $zone", ({ zone, from, expected }) => {
    expect(nextWindowStart(new Date(from), NINE_TO_SIX, zone).toISOString()).toBe(expected);
  });
});
