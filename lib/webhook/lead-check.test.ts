import { describe, expect, it } from "vitest";
import { noRepairs } from "./clean-text";
import { boundedId, checkLeadFields, LEAD_LIMITS } from "./lead-check";

function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { leaf: "x" };
  for (let i = 1; i < depth; i++) value = { inner: value };
  return value;
}

describe("checkLeadFields", () => {
  it("hands back the very same object when nothing needs repair", () => {
    const fields = { FirstName: "Asha", Phone: "+91 98765 43210", tags: ["a", 1, null, { b: true }] };
    expect(checkLeadFields(fields, noRepairs())).toEqual({ ok: true, fields });
    expect((checkLeadFields(fields, noRepairs()) as { fields: unknown }).fields).toBe(fields);
  });

  it("repairs NUL and lone surrogates in names and values at any depth, and counts them", () => {
    const repairs = noRepairs();
    const checked = checkLeadFields({ "Na\0me": "a\0b", deep: [{ x: "\uD83D" }] }, repairs);
    expect(checked).toEqual({ ok: true, fields: { "Na\uFFFDme": "a\uFFFDb", deep: [{ x: "\uFFFD" }] } });
    expect(repairs).toEqual({ nul: 2, surrogates: 1 });
  });

  it("keeps a __proto__ field as a plain field", () => {
    const fields = JSON.parse('{"__proto__":{"polluted":"\\u0000"},"Phone":"1"}') as Record<string, unknown>;
    const checked = checkLeadFields(fields, noRepairs());
    expect(checked.ok && Object.hasOwn(checked.fields, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    { rule: "nesting at the limit passes", fields: nested(LEAD_LIMITS.depth), reason: null },
    { rule: "one level deeper is refused", fields: nested(LEAD_LIMITS.depth + 1), reason: /nested deeper than 32 levels/ },
    { rule: "5,000 levels are refused without deep recursion", fields: nested(5_000), reason: /nested deeper than 32 levels/ },
    {
      rule: "a long value",
      fields: { Notes: "x".repeat(LEAD_LIMITS.valueChars + 1) },
      reason: /Notes is 10001 characters long; at most 10000/,
    },
    { rule: "a long field name", fields: { ["f".repeat(201)]: "x" }, reason: /field name of 201 characters .*at most 200/ },
    {
      rule: "too many fields",
      fields: Object.fromEntries(Array.from({ length: 1_001 }, (_, i) => [`f${i}`, i])),
      reason: /1001 fields; at most 1000/,
    },
  ])("$rule", ({ fields, reason }) => {
    const checked = checkLeadFields(fields, noRepairs());
    if (reason === null) expect(checked.ok).toBe(true);
    else expect(checked.ok ? null : checked.reason).toMatch(reason);
  });
});

describe("boundedId", () => {
  it("repairs an id and cuts one over the limit", () => {
    expect(boundedId("abc\0def", noRepairs())).toEqual({ id: "abc\uFFFDdef", tooLong: false });
    expect(boundedId(null, noRepairs())).toEqual({ id: null, tooLong: false });
    const long = boundedId("p".repeat(5_000), noRepairs());
    expect(long).toEqual({ id: `${"p".repeat(LEAD_LIMITS.idChars)}…`, tooLong: true });
  });
});
