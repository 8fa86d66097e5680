import { describe, expect, it } from "vitest";
import { scheduleParamsSchema } from "./params-schema";

describe("scheduleParamsSchema", () => {
  it("transforms query strings into normalized ScheduleParams and strips unknown keys", () => {
    const parsed = scheduleParamsSchema.parse({
      agent_id: "agent_1",
      x_api_key: "k",
      min_trigger_time: "9:00",
      max_trigger_time: "18:00",
      carry_over: "true",
      num_of_retries: "2",
      gap_between_retries: "2, 4",
      timezone: "Asia/Kolkata",
    });
    expect(parsed).toEqual({
      window: { start: { hour: 9, minute: 0 }, end: { hour: 18, minute: 0 } },
      carryOver: true,
      retries: 2,
      gapsHours: [2, 4],
      timezone: "Asia/Kolkata",
      retryOn: ["no_answer", "busy", "voicemail", "failed"],
    });
  });

  it("accepts null for cleared form fields", () => {
    expect(scheduleParamsSchema.parse({ timezone: null, carry_over: null }).timezone).toBeNull();
  });

  it("reports each problem as an issue at [parameter] with a human message", () => {
    const result = scheduleParamsSchema.safeParse({
      min_trigger_time: "10:00",
      max_trigger_time: "10:00",
      num_of_retries: "3",
      gap_between_retries: "2,4",
      timezone: "Nowhere/City",
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => ({ path: issue.path, message: issue.message }))).toEqual([
      { path: ["max_trigger_time"], message: expect.stringContaining("both 10:00") },
      {
        path: ["gap_between_retries"],
        message: "gap_between_retries has 2 values but num_of_retries is 3: give 3 comma-separated gaps in hours, e.g. 2,4,6",
      },
      { path: ["timezone"], message: expect.stringContaining("not a known IANA time zone") },
    ]);
  });

  it("names the parameter when a value is not a string", () => {
    const result = scheduleParamsSchema.safeParse({ num_of_retries: 3 });
    expect(result.error?.issues[0]?.path).toEqual(["num_of_retries"]);
    expect(result.error?.issues[0]?.message).toMatch(/num_of_retries must be text/);
  });
});
