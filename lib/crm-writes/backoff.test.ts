import { describe, expect, it } from "vitest";
import { backoffMs, BASE_MS, CAP_MS, MAX_TRIES } from "./backoff";

describe("backoffMs", () => {
  it("doubles from 30 s and stops at the cap", () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4].map((t) => backoffMs(t, undefined, mid))).toEqual([BASE_MS, 2 * BASE_MS, 4 * BASE_MS, 8 * BASE_MS]);
    expect(backoffMs(20, undefined, mid)).toBe(CAP_MS);
  });

  it("jitters within ±20 %", () => {
    expect(backoffMs(1, undefined, () => 0)).toBe(0.8 * BASE_MS);
    expect(backoffMs(1, undefined, () => 1)).toBe(1.2 * BASE_MS);
  });

  it("never runs before the CRM's Retry-After", () => {
    expect(backoffMs(1, 120_000, () => 0.5)).toBe(120_000);
    expect(backoffMs(3, 1_000, () => 0.5)).toBe(4 * BASE_MS);
  });

  it("spans about an hour over all tries", () => {
    let total = 0;
    for (let t = 1; t < MAX_TRIES; t++) total += backoffMs(t, undefined, () => 0.5);
    expect(total).toBeGreaterThan(55 * 60_000);
    expect(total).toBeLessThan(75 * 60_000);
  });
});
