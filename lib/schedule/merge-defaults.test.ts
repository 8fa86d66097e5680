import { describe, expect, it } from "vitest";
import { withAgentDefaults } from "./merge-defaults";

const agent = {
  min_trigger_time: "09:00",
  max_trigger_time: "18:00",
  carry_over: "true",
  num_of_retries: "2",
  gap_between_retries: "1,2",
  timezone: "Asia/Kolkata",
};

describe("withAgentDefaults", () => {
  it("uses the agent's defaults for everything the URL leaves out", () => {
    expect(withAgentDefaults({}, agent)).toMatchObject(agent);
  });

  it("lets the URL win parameter by parameter", () => {
    expect(withAgentDefaults({ carry_over: "false", timezone: "Europe/London" }, agent)).toMatchObject({
      ...agent,
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
});
