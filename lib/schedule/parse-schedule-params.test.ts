import { describe, expect, it } from "vitest";
import { parseScheduleParams } from "./parse-schedule-params";
import type { ScheduleParams } from "./types";

const DEFAULTS: ScheduleParams = {
  window: null,
  carryOver: false,
  retries: 0,
  gapsHours: [],
  timezone: null,
  retryOn: ["no_answer", "busy", "voicemail", "failed"],
};

function params(input: Record<string, string | undefined>): ScheduleParams {
  const result = parseScheduleParams(input);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.params;
}

describe("parseScheduleParams: accepted inputs", () => {
  it.each([
    { rule: "nothing given gives the defaults", input: {}, expected: {} },
    {
      rule: "HH:MM window",
      input: { min_trigger_time: "09:00", max_trigger_time: "18:00" },
      expected: { window: { start: { hour: 9, minute: 0 }, end: { hour: 18, minute: 0 } } },
    },
    {
      rule: "H:MM is accepted",
      input: { min_trigger_time: "9:05", max_trigger_time: "18:30" },
      expected: { window: { start: { hour: 9, minute: 5 }, end: { hour: 18, minute: 30 } } },
    },
    {
      rule: "only min runs to the end of the day",
      input: { min_trigger_time: "22:00" },
      expected: { window: { start: { hour: 22, minute: 0 }, end: { hour: 24, minute: 0 } } },
    },
    {
      rule: "only max runs from midnight",
      input: { max_trigger_time: "06:00" },
      expected: { window: { start: { hour: 0, minute: 0 }, end: { hour: 6, minute: 0 } } },
    },
    {
      rule: "min later than max is an overnight window",
      input: { min_trigger_time: "22:00", max_trigger_time: "06:00" },
      expected: { window: { start: { hour: 22, minute: 0 }, end: { hour: 6, minute: 0 } } },
    },
    { rule: "carry_over is case-insensitive", input: { carry_over: "TRUE" }, expected: { carryOver: true } },
    { rule: "carry_over accepts 1", input: { carry_over: "1" }, expected: { carryOver: true } },
    { rule: "carry_over accepts 0", input: { carry_over: "0" }, expected: { carryOver: false } },
    { rule: "carry_over false", input: { carry_over: "False" }, expected: { carryOver: false } },
    {
      rule: "fractional gaps",
      input: { num_of_retries: "2", gap_between_retries: "0.5,1.25" },
      expected: { retries: 2, gapsHours: [0.5, 1.25] },
    },
    {
      rule: "whitespace around gaps is tolerated",
      input: { num_of_retries: "3", gap_between_retries: " 2 , 4,\t6 " },
      expected: { retries: 3, gapsHours: [2, 4, 6] },
    },
    {
      rule: "maximum retries and gap",
      input: { num_of_retries: "10", gap_between_retries: "720,1,1,1,1,1,1,1,1,1" },
      expected: { retries: 10, gapsHours: [720, 1, 1, 1, 1, 1, 1, 1, 1, 1] },
    },
    { rule: "timezone letter case is normalized", input: { timezone: "asia/kolkata" }, expected: { timezone: "Asia/Kolkata" } },
    { rule: "UTC is an IANA zone", input: { timezone: "UTC" }, expected: { timezone: "UTC" } },
    {
      rule: "retry_on narrows and is put in canonical order",
      input: { retry_on: "Busy, no_answer,busy" },
      expected: { retryOn: ["no_answer", "busy"] },
    },
    { rule: "empty values count as absent", input: { min_trigger_time: "", num_of_retries: " ", timezone: "" }, expected: {} },
  ])("$rule", ({ input, expected }) => {
    expect(params(input)).toEqual({ ...DEFAULTS, ...expected });
  });

  it("ignores unknown keys such as agent_id and x_api_key", () => {
    const input = { agent_id: "a1", type: "lead", x_api_key: "secret", entityType: "Lead", carry_over: "true" };
    expect(params(input)).toEqual({ ...DEFAULTS, carryOver: true });
  });
});

describe("parseScheduleParams: each problem names the parameter, the value given and a fix", () => {
  it.each([
    {
      rule: "time must be HH:MM",
      input: { min_trigger_time: "9am" },
      parameter: "min_trigger_time",
      message: 'min_trigger_time is "9am", which is not a time: use 24-hour HH:MM or H:MM, e.g. 09:00 or 9:00',
    },
    {
      rule: "time needs two minute digits",
      input: { max_trigger_time: "18:0" },
      parameter: "max_trigger_time",
      message: /"18:0", which is not a time/,
    },
    {
      rule: "hours go up to 23",
      input: { max_trigger_time: "24:00" },
      parameter: "max_trigger_time",
      message: /"24:00", whose hour is above 23: hours go from 0 to 23/,
    },
    {
      rule: "minutes go up to 59",
      input: { min_trigger_time: "09:60" },
      parameter: "min_trigger_time",
      message: /"09:60", whose minutes are above 59/,
    },
    {
      rule: "min equal to max is invalid",
      input: { min_trigger_time: "9:00", max_trigger_time: "09:00" },
      parameter: "max_trigger_time",
      message: /both 09:00, which leaves no time to call/,
    },
    {
      rule: "only max 00:00 is an empty window",
      input: { max_trigger_time: "00:00" },
      parameter: "max_trigger_time",
      message: /single instant of midnight/,
    },
    {
      rule: "carry_over must be a boolean",
      input: { carry_over: "yes" },
      parameter: "carry_over",
      message: /carry_over is "yes", which is not true or false: use carry_over=true/,
    },
    {
      rule: "num_of_retries must be a whole number",
      input: { num_of_retries: "2.5" },
      parameter: "num_of_retries",
      message: /"2.5", which is not a whole number: use a whole number from 0 to 10/,
    },
    {
      rule: "num_of_retries cannot be negative",
      input: { num_of_retries: "-1" },
      parameter: "num_of_retries",
      message: /"-1", which is not a whole number/,
    },
    {
      rule: "num_of_retries is at most 10",
      input: { num_of_retries: "11" },
      parameter: "num_of_retries",
      message: "num_of_retries is 11, above the maximum of 10: use a number from 0 to 10",
    },
    {
      rule: "number of gap values must equal num_of_retries",
      input: { num_of_retries: "3", gap_between_retries: "2,4" },
      parameter: "gap_between_retries",
      message: "gap_between_retries has 2 values but num_of_retries is 3: give 3 comma-separated gaps in hours, e.g. 2,4,6",
    },
    {
      rule: "gaps are required when retrying",
      input: { num_of_retries: "2" },
      parameter: "gap_between_retries",
      message: "gap_between_retries is missing but num_of_retries is 2: give 2 comma-separated gaps in hours, e.g. 2,4",
    },
    {
      rule: "gaps without retries (default 0)",
      input: { gap_between_retries: "2" },
      parameter: "gap_between_retries",
      message:
        "gap_between_retries has 1 value but num_of_retries is 0 (the default when num_of_retries is absent): set num_of_retries=1 or remove gap_between_retries",
    },
    {
      rule: "gap must be a number",
      input: { num_of_retries: "2", gap_between_retries: "2,two" },
      parameter: "gap_between_retries",
      message: /value 2 of 2 is "two", which is not a number of hours/,
    },
    {
      rule: "gap must be positive",
      input: { num_of_retries: "1", gap_between_retries: "0" },
      parameter: "gap_between_retries",
      message: /value 1 of 1 is 0, but a gap must be more than 0 hours/,
    },
    {
      rule: "negative gap",
      input: { num_of_retries: "1", gap_between_retries: "-2" },
      parameter: "gap_between_retries",
      message: /is -2, but a gap must be more than 0 hours/,
    },
    {
      rule: "gap at most 720 hours",
      input: { num_of_retries: "1", gap_between_retries: "720.5" },
      parameter: "gap_between_retries",
      message: /720.5 hours, above the maximum of 720 hours/,
    },
    {
      rule: "empty gap value",
      input: { num_of_retries: "3", gap_between_retries: "2,,4" },
      parameter: "gap_between_retries",
      message: /value 2 of 3 is empty: remove the extra comma/,
    },
    {
      rule: "timezone rejects offsets",
      input: { timezone: "+05:30" },
      parameter: "timezone",
      message: /"\+05:30", a fixed UTC offset rather than a zone name: use an IANA name/,
    },
    { rule: "timezone rejects UTC+N", input: { timezone: "UTC+5" }, parameter: "timezone", message: /a fixed UTC offset/ },
    {
      rule: "timezone rejects unknown names",
      input: { timezone: "Mars/Olympus" },
      parameter: "timezone",
      message: /"Mars\/Olympus", which is not a known IANA time zone/,
    },
    {
      rule: "timezone rejects ISO strings carrying a zone",
      input: { timezone: "2026-01-01T00:00Z[Asia/Kolkata]" },
      parameter: "timezone",
      message: /not a known IANA time zone/,
    },
    {
      rule: "retry_on rejects completed and says why",
      input: { retry_on: "busy,completed" },
      parameter: "retry_on",
      message: /completed call already reached the lead and is never retried: remove completed/,
    },
    {
      rule: "retry_on rejects unknown outcomes",
      input: { retry_on: "hangup" },
      parameter: "retry_on",
      message: /"hangup" is not a call outcome: use a comma-separated list of no_answer, busy, voicemail, failed/,
    },
  ])("$rule", ({ input, parameter, message }) => {
    const result = parseScheduleParams(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.parameter).toBe(parameter);
    expect(result.problems[0]?.message).toMatch(message);
  });

  it("reports every invalid parameter at once, in parameter order", () => {
    const result = parseScheduleParams({
      min_trigger_time: "25:00",
      max_trigger_time: "6pm",
      carry_over: "maybe",
      num_of_retries: "3",
      gap_between_retries: "2,abc",
      timezone: "+05:30",
      retry_on: "completed,hangup",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.parameter)).toEqual([
      "min_trigger_time",
      "max_trigger_time",
      "carry_over",
      "gap_between_retries",
      "gap_between_retries",
      "timezone",
      "retry_on",
      "retry_on",
    ]);
    expect(result.problems[4]?.message).toBe(
      "gap_between_retries has 2 values but num_of_retries is 3: give 3 comma-separated gaps in hours, e.g. 2,4,6",
    );
  });

  it("skips the gap count check when num_of_retries is itself invalid", () => {
    const result = parseScheduleParams({ num_of_retries: "lots", gap_between_retries: "1,2" });
    expect(result).toEqual({ ok: false, problems: [expect.objectContaining({ parameter: "num_of_retries" })] });
  });
});
