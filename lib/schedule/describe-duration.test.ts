import { describe, expect, it } from "vitest";
import { describeDuration } from "./describe-duration";

describe("describeDuration", () => {
  it.each([
    { ms: 0, text: "less than a second" },
    { ms: 999, text: "less than a second" },
    { ms: 1_000, text: "1 second" },
    { ms: 45_500, text: "45 seconds" },
    { ms: 60_000, text: "1 minute" },
    { ms: 90_000, text: "1 minute 30 seconds" },
    { ms: 30 * 60_000, text: "30 minutes" },
    { ms: 90 * 60_000, text: "1 hour 30 minutes" },
    { ms: 2 * 3_600_000 + 59_999, text: "2 hours" },
    { ms: 26 * 3_600_000, text: "1 day 2 hours" },
    { ms: -5, text: "less than a second" },
  ])("$ms ms → $text", ({ ms, text }) => {
    expect(describeDuration(ms)).toBe(text);
  });
});
