import { describe, expect, it } from "vitest";
import { firstRunSteps } from "./first-run";

const agent = (variables: string[]) => ({ id: "agt_1", name: "Sales caller", phoneVariable: "phone", variables });
const done = (facts: Parameters<typeof firstRunSteps>[0]) => firstRunSteps(facts).map((s) => [s.id, s.done]);

describe("firstRunSteps", () => {
  it("starts with nothing done and points at the first screens", () => {
    const steps = firstRunSteps({ connected: [], agents: [], deliveries: 0 });
    expect(steps.map((s) => [s.id, s.done, s.href])).toEqual([
      ["connect", false, "/integrations"],
      ["agent", false, "/agents/new"],
      ["variables", false, "/agents/new"],
      ["deliver", false, "/agents/new"],
    ]);
  });

  it("counts variables as done only when the phone variable is among them", () => {
    expect(done({ connected: ["leadsquared"], agents: [agent(["name"])], deliveries: 0 })).toEqual([
      ["connect", true],
      ["agent", true],
      ["variables", false],
      ["deliver", false],
    ]);
    const steps = firstRunSteps({ connected: ["leadsquared"], agents: [agent(["name", "phone"])], deliveries: 0 });
    expect(steps[2]).toMatchObject({ done: true, detail: "Sales caller reads 2 variables, including phone." });
    expect(steps[3]!.href).toBe("/agents/agt_1?tab=webhook");
  });

  it("is all done once a delivery arrived", () => {
    expect(done({ connected: ["hubspot"], agents: [agent(["phone"])], deliveries: 1 }).every(([, d]) => d)).toBe(true);
  });
});
