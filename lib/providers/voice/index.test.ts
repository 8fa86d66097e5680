import { describe, expect, it } from "vitest";
import { voiceProviderFor } from "./index";

const OPTIONS = { simulator: { delayMs: 1_000, secret: "s1" }, vapi: { baseUrl: "http://127.0.0.1:1" } };

describe("voiceProviderFor", () => {
  it.each(["simulator", "vapi"] as const)("returns the %s provider", (name) => {
    expect(voiceProviderFor(name, OPTIONS).name).toBe(name);
  });

  it("returns the same simulator for the same options, so idempotency survives between requests", async () => {
    const first = voiceProviderFor("simulator", OPTIONS);
    const again = voiceProviderFor("simulator", { ...OPTIONS, simulator: { ...OPTIONS.simulator } });
    expect(again).toBe(first);
    expect(voiceProviderFor("simulator", { ...OPTIONS, simulator: { delayMs: 1_000, secret: "s2" } })).not.toBe(first);
  });
});
