import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatPhoneE164, normalizeCallingCode } from "./phone";

describe("formatPhoneE164 normalises CRM phone values to E.164", () => {
  it.each([
    { rule: "LeadSquared's +CC-NNNNNNNNNN form", raw: "+91-9876543210", code: "91", value: "+919876543210" },
    { rule: "national trunk 0 is dropped", raw: "09876543210", code: "91", value: "+919876543210" },
    { rule: "bare national digits take the default code", raw: "9876543210", code: "91", value: "+919876543210" },
    { rule: "default code may carry a plus", raw: "9876543210", code: "+91", value: "+919876543210" },
    { rule: "spaces and dashes are ignored", raw: " 98765 43210 ", code: "91", value: "+919876543210" },
    { rule: "country code without plus (12 digits)", raw: "919876543210", code: "91", value: "+919876543210" },
    { rule: "international prefix 00", raw: "0091 98765 43210", code: "91", value: "+919876543210" },
    { rule: "Delhi landline with trunk 0 stays domestic", raw: "011 2345 6789", code: "91", value: "+911123456789" },
    { rule: "US format with default +1", raw: "(415) 555-2671", code: "1", value: "+14155552671" },
    { rule: "US international prefix 011 with default +1", raw: "011 44 20 7946 0958", code: "1", value: "+442079460958" },
    { rule: "explicit country wins over the default", raw: "+44 20 7946 0958", code: "91", value: "+442079460958" },
    { rule: "explicit +1 number in an Indian org", raw: "+1 415-555-2671", code: "91", value: "+14155552671" },
    { rule: "12-digit international number without plus in a US org", raw: "919876543210", code: "1", value: "+919876543210" },
    { rule: "extension is dropped", raw: "+91-9876543210 ext. 22", code: "91", value: "+919876543210" },
    { rule: "E.164 input is kept", raw: "+919876543210", code: null, value: "+919876543210" },
  ])("$rule: $raw", ({ raw, code, value }) => {
    expect(formatPhoneE164(raw, code)).toEqual({ ok: true, value });
  });

  it.each([
    { rule: "empty", raw: "   ", code: "91", reason: "The phone number is empty" },
    { rule: "no digits", raw: "no phone", code: "91", reason: '"no phone" has no digits, so it is not a phone number' },
    { rule: "too short", raw: "98765", code: "91", reason: '"98765" has too few digits for a +91 number' },
    { rule: "too short with explicit code", raw: "+91 98765", code: "1", reason: '"+91 98765" has too few digits for a +91 number' },
    {
      rule: "two numbers in one field",
      raw: "9876543210 / 9123456789",
      code: "91",
      reason: '"9876543210 / 9123456789" has too many digits for a +91 number (is it two numbers in one field?)',
    },
    { rule: "unknown country code", raw: "+0 123", code: "91", reason: '"+0 123" starts with an unknown country code' },
    { rule: "right length, impossible number", raw: "9876543210", code: "1", reason: '"9876543210" is not a valid +1 number' },
    {
      rule: "no country code anywhere",
      raw: "9876543210",
      code: null,
      reason: '"9876543210" has no country code (+…) and no default country code is set; add one in the organisation settings',
    },
    {
      rule: "bad default code",
      raw: "9876543210",
      code: "999",
      reason: "The default country code +999 is not a country calling code; fix it in the organisation settings",
    },
  ])("fails when $rule", ({ raw, code, reason }) => {
    expect(formatPhoneE164(raw, code)).toEqual({ ok: false, reason });
  });
});

describe("normalizeCallingCode", () => {
  it.each([
    { code: "91", expected: "91" },
    { code: "+91", expected: "91" },
    { code: " +1 ", expected: "1" },
    { code: "", expected: null },
    { code: null, expected: null },
    { code: undefined, expected: null },
  ])("$code → $expected", ({ code, expected }) => {
    expect(normalizeCallingCode(code)).toBe(expected);
  });
});

describe("formatPhoneE164 properties", () => {
  it("any Indian mobile number, however it is written, becomes the same E.164 number", () => {
    const mobile = fc.tuple(fc.constantFrom("6", "7", "8", "9"), fc.stringMatching(/^\d{9}$/)).map(([a, b]) => a + b);
    const style = fc.constantFrom(
      (n: string) => n,
      (n: string) => `0${n}`,
      (n: string) => `+91-${n}`,
      (n: string) => `91${n}`,
      (n: string) => `+91 ${n.slice(0, 5)} ${n.slice(5)}`,
      (n: string) => `0091${n}`,
    );
    fc.assert(
      fc.property(mobile, style, (n, write) => {
        expect(formatPhoneE164(write(n), "91")).toEqual({ ok: true, value: `+91${n}` });
      }),
    );
  });

  it("only ever returns E.164 or a reason", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.constantFrom("91", "1", "44", null), (raw, code) => {
        const result = formatPhoneE164(raw, code);
        if (result.ok) expect(result.value).toMatch(/^\+[1-9]\d{1,14}$/);
        else expect(result.reason.length).toBeGreaterThan(0);
      }),
    );
  });
});
