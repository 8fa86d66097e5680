import { describe, expect, it } from "vitest";
import { describeSchedule, sampleCreationInstants } from "./schedule-story";

describe("sampleCreationInstants", () => {
  it("gives today's sample times in the zone, as instants", () => {
    // 23:00 UTC on the 23rd is already the 24th in Kolkata.
    const samples = sampleCreationInstants("Asia/Kolkata", new Date("2026-11-23T23:00:00Z"));
    expect(samples).toEqual([
      { label: "07:30", createdAt: "2026-11-24T02:00:00Z" },
      { label: "12:00", createdAt: "2026-11-24T06:30:00Z" },
      { label: "19:00", createdAt: "2026-11-24T13:30:00Z" },
    ]);
  });
});

describe("describeSchedule", () => {
  const zone = "Asia/Kolkata";
  it("names the next day once and then lists the retries' times", () => {
    const text = describeSchedule({
      createdAt: "2026-11-24T13:30:00Z", // 19:00
      attempts: [{ at: "2026-11-25T03:30:00Z" }, { at: "2026-11-25T05:30:00Z" }, { at: "2026-11-25T09:30:00Z" }],
      zone,
    });
    expect(text).toBe("A lead created at 19:00 is called at 09:00 tomorrow, then at 11:00, 15:00 if it fails.");
  });

  it("reads a lead called at once, with retries running past midnight", () => {
    const text = describeSchedule({
      createdAt: "2026-11-24T06:30:00Z", // 12:00
      attempts: [{ at: "2026-11-24T06:30:00Z" }, { at: "2026-11-24T18:30:00Z" }, { at: "2026-11-26T18:30:00Z" }],
      zone,
    });
    expect(text).toBe("A lead created at 12:00 is called at 12:00, then at 00:00 tomorrow, 00:00 3 days later if it fails.");
  });
});
