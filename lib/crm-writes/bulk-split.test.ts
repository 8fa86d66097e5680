import { describe, expect, it } from "vitest";
import { splitForBulk } from "./bulk-split";

const KINDS = { activity: { maxPerCall: 25, singlesPerWindow: 25 } };
const rows = (n: number, kind = "activity", account: string | null = "lsq:a") =>
  Array.from({ length: n }, (_, i) => ({ kind, account, n: `${kind}${i}` }));
/** [singles, sizes of the bulk groups] of one split. */
const shape = (input: ReturnType<typeof rows>) => {
  const { singles, groups } = splitForBulk(input, KINDS);
  return [singles.length, groups.map((g) => g.length)];
};

describe("splitForBulk", () => {
  it.each([
    ["nothing", 0, [0, []]],
    ["one window of the single budget goes single", 25, [25, []]],
    ["one more than a window: that one goes in bulk rather than wait a window", 26, [25, [1]]],
    ["a full window of each budget", 50, [25, [25]]],
    ["two windows: singles take both, the rest one bulk call", 60, [50, [10]]],
    ["a backlog of 100: two windows of each", 100, [50, [25, 25]]],
  ] as const)("%s (%i activities)", (_, n, expected) => {
    expect(shape(rows(n))).toEqual(expected);
  });

  it("other rows of the account take single calls first, so fewer activities fit single", () => {
    expect(shape([...rows(20, "lead_update"), ...rows(10)])).toEqual([25, [5]]);
    expect(shape([...rows(30, "lead_update"), ...rows(5)])).toEqual([30, [5]]);
  });

  it("counts each account on its own, and never bulks a kind without a bulk call or a row without an account", () => {
    const split = splitForBulk(
      [...rows(30), ...rows(20, "activity", "lsq:b"), ...rows(40, "hubspot.call", "hs:a"), ...rows(30, "activity", null)],
      KINDS,
    );
    expect(split.groups.map((g) => [g[0]!.account, g.length])).toEqual([["lsq:a", 5]]);
    expect(split.singles).toHaveLength(25 + 20 + 40 + 30);
  });

  it("keeps each row once: the singles and the groups together are the rows", () => {
    const input = [...rows(70), ...rows(7, "lead_update")];
    const { singles, groups } = splitForBulk(input, KINDS);
    expect([...singles, ...groups.flat()].map((r) => r.n).sort()).toEqual(input.map((r) => r.n).sort());
  });
});
