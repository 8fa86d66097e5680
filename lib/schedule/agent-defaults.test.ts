import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { agentSchedule, agentZone, withAgentDefaults } from "./agent-defaults";

const defaults = {
  min_trigger_time: "09:00",
  max_trigger_time: "18:00",
  carry_over: "true",
  num_of_retries: "2",
  gap_between_retries: "1,2",
  timezone: "Asia/Kolkata",
};
const agent = { scheduleDefaults: defaults, timezone: null };

describe("withAgentDefaults", () => {
  it("uses the agent's defaults for everything the URL leaves out", () => {
    expect(withAgentDefaults({}, agent)).toMatchObject(defaults);
  });

  it("lets the URL win parameter by parameter", () => {
    expect(withAgentDefaults({ carry_over: "false", timezone: "Europe/London" }, agent)).toMatchObject({
      ...defaults,
      carry_over: "false",
      timezone: "Europe/London",
    });
  });

  it("replaces the retry pair as a whole, so a URL's 3 retries never meet the agent's 2 gaps", () => {
    expect(withAgentDefaults({ num_of_retries: "3" }, agent)).toMatchObject({ num_of_retries: "3", gap_between_retries: undefined });
    expect(withAgentDefaults({ num_of_retries: "0" }, agent)).toMatchObject({ num_of_retries: "0", gap_between_retries: undefined });
  });

  it("replaces the window as a whole: a URL giving only max_trigger_time gets no agent min", () => {
    expect(withAgentDefaults({ max_trigger_time: "20:00" }, agent)).toMatchObject({
      min_trigger_time: undefined,
      max_trigger_time: "20:00",
    });
  });

  it("treats empty URL values as absent", () => {
    expect(withAgentDefaults({ min_trigger_time: " ", max_trigger_time: "" }, agent)).toMatchObject({
      min_trigger_time: "09:00",
      max_trigger_time: "18:00",
    });
  });

  it("reads stored defaults that are not an object as none", () => {
    expect(withAgentDefaults({ carry_over: "true" }, { scheduleDefaults: null, timezone: null })).toMatchObject({ carry_over: "true" });
    expect(withAgentDefaults({}, { scheduleDefaults: ["09:00"], timezone: null }).min_trigger_time).toBeUndefined();
    expect(withAgentDefaults({ num_of_retries: "1", gap_between_retries: "2" }, null)).toMatchObject({ num_of_retries: "1" });
  });
});

describe("agentSchedule", () => {
  it("validates the merged parameters: the URL's retries with the URL's gaps, the agent's window", () => {
    const params = agentSchedule({ num_of_retries: "1", gap_between_retries: "3" }, agent);
    expect(params).toMatchObject({ retries: 1, gapsHours: [3], carryOver: true, timezone: "Asia/Kolkata" });
    expect(params.window).not.toBeNull();
  });

  it("throws a ZodError naming the parameter the URL got wrong", () => {
    try {
      agentSchedule({ num_of_retries: "3" }, agent);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ZodError);
      expect((err as ZodError).issues.map((i) => i.path.join("."))).toContain("gap_between_retries");
    }
  });
});

describe("agentZone", () => {
  it("is the agent's zone, else the organisation's", () => {
    expect(agentZone({ timezone: "Europe/London" }, { timezone: "Asia/Kolkata" })).toBe("Europe/London");
    expect(agentZone({ timezone: null }, { timezone: "Asia/Kolkata" })).toBe("Asia/Kolkata");
    expect(agentZone({ timezone: "" }, { timezone: "Asia/Kolkata" })).toBe("Asia/Kolkata");
    expect(agentZone(null, { timezone: "Asia/Kolkata" })).toBe("Asia/Kolkata");
  });
});
