import { describe, expect, it } from "vitest";
import { setBounded } from "./bounded-map";

describe("setBounded", () => {
  it("drops the oldest entry once the memo is full", () => {
    const map = new Map<string, number>();
    for (const [i, key] of ["a", "b", "c", "d"].entries()) setBounded(map, key, i, 3);
    expect([...map]).toEqual([
      ["b", 1],
      ["c", 2],
      ["d", 3],
    ]);
  });

  it("replaces a known key without dropping another", () => {
    const map = new Map([
      ["a", 0],
      ["b", 1],
      ["c", 2],
    ]);
    setBounded(map, "b", 9, 3);
    expect([...map]).toEqual([
      ["a", 0],
      ["b", 9],
      ["c", 2],
    ]);
  });
});
