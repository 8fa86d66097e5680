import { describe, expect, it } from "vitest";
import { logRange } from "./log-range";

const now = new Date("2026-12-06T20:00:00Z"); // 01:30 on 7 December in Kolkata

describe("logRange", () => {
  it.each([
    ["today", "2026-12-06T18:30:00.000Z", "2026-12-07T18:30:00.000Z"],
    ["last_7_days", "2026-11-30T18:30:00.000Z", "2026-12-07T18:30:00.000Z"],
    ["this_month", "2026-11-30T18:30:00.000Z", "2026-12-31T18:30:00.000Z"],
    ["last_month", "2026-10-31T18:30:00.000Z", "2026-11-30T18:30:00.000Z"],
  ] as const)("%s counts days in the viewer's zone", (range, from, to) => {
    const r = logRange(range, now, "Asia/Kolkata");
    expect([r.from.toISOString(), r.to.toISOString()]).toEqual([from, to]);
  });
});
