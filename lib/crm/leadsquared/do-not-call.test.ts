import { describe, expect, it } from "vitest";
import { leadSquaredDoNotCall } from "./do-not-call";

describe("leadSquaredDoNotCall", () => {
  it.each([
    { fields: { DoNotCall: "1" }, blocked: true },
    { fields: { DoNotCall: 1 }, blocked: true },
    { fields: { DoNotCall: true }, blocked: true },
    { fields: { DoNotCall: "Yes" }, blocked: true },
    { fields: { donotcall: " TRUE " }, blocked: true },
    { fields: { DoNotCall: "0" }, blocked: false },
    { fields: { DoNotCall: false }, blocked: false },
    { fields: { DoNotCall: "No" }, blocked: false },
    { fields: { DoNotCall: null }, blocked: false },
    { fields: { DoNotCall: ["1"] }, blocked: false },
    { fields: {}, blocked: false },
  ])("$fields → blocked: $blocked", ({ fields, blocked }) => {
    expect(leadSquaredDoNotCall(fields) !== null).toBe(blocked);
  });

  it("names the field and the value it found", () => {
    expect(leadSquaredDoNotCall({ DoNotCall: "1" })).toBe(
      'LeadSquared marks this lead DoNotCall (DoNotCall: "1"), so Leadline does not call it.',
    );
  });
});
