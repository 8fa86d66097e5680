import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { previewSchedule } from "./preview";

const org = { timezone: "Asia/Kolkata" };
const agent = {
  timezone: "Europe/London",
  scheduleDefaults: {
    min_trigger_time: "09:00",
    max_trigger_time: "18:00",
    carry_over: "true",
    num_of_retries: "1",
    gap_between_retries: "2",
  },
};
// 20:00 in London, 01:30 the next day in Kolkata.
const created_at = "2026-11-23T20:00:00Z";

describe("previewSchedule", () => {
  it("plans with the URL's parameters alone, in the organisation's zone, when no agent is named", () => {
    const plan = previewSchedule({ created_at }, null, org);
    expect(plan.timezone).toBe("Asia/Kolkata");
    expect(plan.attempts.map((a) => a.at)).toEqual(["2026-11-23T20:00:00.000Z"]);
  });

  it("fills what the URL leaves out with the agent's defaults, in the agent's zone", () => {
    const plan = previewSchedule({ created_at }, agent, org);
    expect(plan.timezone).toBe("Europe/London");
    expect(plan.attempts.map((a) => a.at)).toEqual(["2026-11-24T09:00:00.000Z", "2026-11-24T11:00:00.000Z"]);
  });

  it("lets the URL's pair and zone win over the agent's", () => {
    const plan = previewSchedule({ created_at, num_of_retries: "0", timezone: "Asia/Kolkata" }, agent, org);
    expect(plan.timezone).toBe("Asia/Kolkata");
    expect(plan.attempts.map((a) => a.at)).toEqual(["2026-11-24T03:30:00.000Z"]);
  });

  it("reports a bad created_at and a bad parameter together", () => {
    expect(() => previewSchedule({ created_at: "yesterday", num_of_retries: "11" }, agent, org)).toThrow(ZodError);
  });
});
