import { expect, it } from "vitest";
import { newId, randomToken } from "@/lib/ids";

it("draws base-36 tokens of the asked length, distinct across many refills of the random pool", () => {
  const ids = Array.from({ length: 20_000 }, () => newId("call"));
  expect(ids.every((id) => /^call_[0-9a-z]{20}$/.test(id))).toBe(true);
  expect(new Set(ids).size).toBe(ids.length);
  expect(randomToken(1000)).toMatch(/^[0-9a-z]{1000}$/);
  // Every symbol turns up about equally often (no modulo bias): 36,000 draws, each symbol within ±25% of 1,000.
  const counts = new Map<string, number>();
  for (const c of randomToken(36_000)) counts.set(c, (counts.get(c) ?? 0) + 1);
  expect(counts.size).toBe(36);
  expect([...counts.values()].every((n) => n > 750 && n < 1250)).toBe(true);
});
