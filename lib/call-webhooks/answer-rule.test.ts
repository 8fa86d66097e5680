import { describe, expect, it } from "vitest";
import { judgeAnswer } from "./answer-rule";

describe("judgeAnswer", () => {
  it.each([
    [200, "delivered"],
    [204, "delivered"],
    [299, "delivered"],
    [408, "retry"],
    [429, "retry"],
    [500, "retry"],
    [503, "retry"],
    [410, "gone"],
    [301, "refused"],
    [400, "refused"],
    [401, "refused"],
    [404, "refused"],
    [422, "refused"],
  ])("%i is %s", (status, kind) => {
    expect(judgeAnswer({ status }).kind).toBe(kind);
  });

  it("keeps the receiver's Retry-After for the next try", () => {
    expect(judgeAnswer({ status: 429, retryAfterMs: 30_000 })).toEqual({
      kind: "retry",
      reason: "The receiver answered 429.",
      retryAfterMs: 30_000,
    });
  });
});
