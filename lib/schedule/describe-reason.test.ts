import { describe, expect, it } from "vitest";
import { describeReason } from "./describe-reason";
import type { AttemptReason } from "./types";

describe("describeReason", () => {
  it.each<{ reason: AttemptReason; sentence: string }>([
    { reason: { kind: "immediate" }, sentence: "called immediately: no calling window is set" },
    { reason: { kind: "inside_window" }, sentence: "called immediately: inside the calling window" },
    {
      reason: { kind: "window_not_enforced", window: "09:00–18:00", zone: "Asia/Kolkata" },
      sentence: "called immediately although outside the calling window 09:00–18:00 Asia/Kolkata, because carry_over is off",
    },
    {
      reason: { kind: "carried_over", windowStart: "09:00", zone: "Asia/Kolkata" },
      sentence: "carried over to the window start 09:00 Asia/Kolkata",
    },
    { reason: { kind: "retry_gap", gapHours: 1 }, sentence: "retried 1 hour after the previous attempt" },
    { reason: { kind: "retry_gap", gapHours: 0.5 }, sentence: "retried 0.5 hours after the previous attempt" },
    {
      reason: { kind: "retry_carried_over", gapHours: 2, windowStart: "09:00", zone: "Europe/London" },
      sentence:
        "due 2 hours after the previous attempt, outside the calling window, so carried over to the window start 09:00 Europe/London",
    },
  ])("$reason.kind → $sentence", ({ reason, sentence }) => {
    expect(describeReason(reason)).toBe(sentence);
  });
});
