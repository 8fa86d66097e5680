import { describe, expect, it } from "vitest";
import { bucketOutcomes, chartRange, DEFAULT_CHART_DAYS, MAX_CHART_DAYS } from "./outcome-days";

describe("chartRange", () => {
  it("covers the last two weeks up to today in the organisation's zone when no range is given", () => {
    // 20:00 UTC on the 23rd is already the 24th in Kolkata.
    const r = chartRange({ now: new Date("2026-11-23T20:00:00Z"), zone: "Asia/Kolkata" });
    expect(r.days).toHaveLength(DEFAULT_CHART_DAYS);
    expect(r.days.at(-1)).toBe("2026-11-24");
    expect(r.days[0]).toBe("2026-11-11");
    expect(r.from.toISOString()).toBe("2026-11-10T18:30:00.000Z");
    expect(r.to.toISOString()).toBe("2026-11-24T18:30:00.000Z");
  });

  it("keeps a filter's exact instants and treats to as exclusive", () => {
    const r = chartRange({
      from: "2026-03-07T05:00:00Z",
      to: "2026-03-10T05:00:00Z",
      now: new Date("2026-11-23T00:00:00Z"),
      zone: "America/New_York",
    });
    expect(r.days).toEqual(["2026-03-07", "2026-03-08", "2026-03-09", "2026-03-10"]);
    expect(r.from.toISOString()).toBe("2026-03-07T05:00:00.000Z");
    expect(r.to.toISOString()).toBe("2026-03-10T05:00:00.000Z");
    const midnight = chartRange({ from: "2026-03-07T05:00:00Z", to: "2026-03-09T04:00:00Z", now: new Date(), zone: "America/New_York" });
    expect(midnight.days).toEqual(["2026-03-07", "2026-03-08"]);
  });

  it("shows only the last days of a very long range", () => {
    const r = chartRange({ from: "2025-01-01T00:00:00Z", to: "2026-01-01T00:00:00Z", now: new Date(), zone: "UTC" });
    expect(r.days).toHaveLength(MAX_CHART_DAYS);
    expect(r.days.at(-1)).toBe("2025-12-31");
    expect(r.to.toISOString()).toBe("2026-01-01T00:00:00.000Z");
  });

  it("shows one day when from is after to", () => {
    expect(chartRange({ from: "2026-05-02T00:00:00Z", to: "2026-05-01T12:00:00Z", now: new Date(), zone: "UTC" }).days).toEqual([
      "2026-05-01",
    ]);
  });
});

describe("bucketOutcomes", () => {
  it("fills every day and outcome, counting calls without an outcome yet as pending", () => {
    const days = bucketOutcomes(
      ["2026-11-22", "2026-11-23"],
      [
        { day: "2026-11-23", outcome: "completed", count: 3 },
        { day: "2026-11-23", outcome: null, count: 2 },
        { day: "2026-11-23", outcome: "no_answer", count: 1 },
        { day: "2026-11-30", outcome: "busy", count: 9 },
      ],
    );
    expect(days[0]).toEqual({
      day: "2026-11-22",
      total: 0,
      counts: { completed: 0, no_answer: 0, busy: 0, voicemail: 0, failed: 0, pending: 0 },
    });
    expect(days[1]).toEqual({
      day: "2026-11-23",
      total: 6,
      counts: { completed: 3, no_answer: 1, busy: 0, voicemail: 0, failed: 0, pending: 2 },
    });
  });
});
