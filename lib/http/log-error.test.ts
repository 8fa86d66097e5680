import { describe, expect, it } from "vitest";
import { errorSummary } from "./log-error";

describe("errorSummary", () => {
  it("keeps the class, the code and the frames, never the message", () => {
    const err = Object.assign(new Error('invalid input syntax for type json: {"Password":"hunter2"}'), { code: "22P02" });
    const summary = errorSummary(err);
    expect(summary.split("\n")[0]).toBe("Error 22P02");
    expect(summary).toMatch(/\n\s+at /);
    expect(summary).not.toContain("hunter2");
  });

  it("names what was thrown when it is not an Error", () => {
    expect(errorSummary("secret text")).toBe("non-error thrown (string)");
  });
});
