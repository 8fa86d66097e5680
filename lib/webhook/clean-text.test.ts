import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanQuery, cleanText, describeRepairs, noRepairs } from "./clean-text";

describe("cleanText", () => {
  it.each([
    { rule: "clean text is the same string", text: "Asha 😀 ₹", out: "Asha 😀 ₹", nul: 0, surrogates: 0 },
    { rule: "NUL is replaced", text: "abc\0def\0", out: "abc\uFFFDdef\uFFFD", nul: 2, surrogates: 0 },
    { rule: "a lone high surrogate", text: "a\uD83D", out: "a\uFFFD", nul: 0, surrogates: 1 },
    { rule: "a lone low surrogate", text: "\uDE00b", out: "\uFFFDb", nul: 0, surrogates: 1 },
    { rule: "a pair is kept, a stray one is not", text: "\uD83D\uDE00\uD83D", out: "😀\uFFFD", nul: 0, surrogates: 1 },
  ])("$rule", ({ text, out, nul, surrogates }) => {
    const repairs = noRepairs();
    expect(cleanText(text, repairs)).toBe(out);
    expect(repairs).toEqual({ nul, surrogates });
  });

  it("always yields text PostgreSQL stores: well-formed UTF-16 without NUL", () => {
    fc.assert(
      // Any UTF-16 code unit, lone surrogates and NUL included.
      fc.property(fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 }), (text) => {
        const clean = cleanText(text, noRepairs());
        expect(clean.includes("\0")).toBe(false);
        expect(Buffer.from(clean, "utf8").toString("utf8")).toBe(clean);
      }),
    );
  });
});

describe("cleanQuery and describeRepairs", () => {
  it("repairs names and values, keeping order and repeats", () => {
    const repairs = noRepairs();
    const query = cleanQuery(new URLSearchParams("entityId=abc%00def&a%00=1&a%00=2"), repairs);
    expect([...query]).toEqual([
      ["entityId", "abc\uFFFDdef"],
      ["a\uFFFD", "1"],
      ["a\uFFFD", "2"],
    ]);
    expect(describeRepairs(repairs)).toBe("3 NUL characters replaced with U+FFFD before storing.");
  });

  it("says nothing when nothing was repaired, and names both kinds when both were", () => {
    expect(describeRepairs(noRepairs())).toBeNull();
    expect(describeRepairs({ nul: 1, surrogates: 1 })).toBe(
      "1 NUL character and 1 lone UTF-16 surrogate replaced with U+FFFD before storing.",
    );
  });
});
