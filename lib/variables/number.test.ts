import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatNumber } from "./number";

describe("formatNumber strips currency and grouping", () => {
  it.each([
    { raw: "54", value: "54" },
    { raw: "2,500", value: "2500" },
    { raw: "1,23,456.50", value: "123456.5" },
    { raw: "12,34,56,789", value: "123456789" },
    { raw: "1,234,567.125", value: "1234567.125" },
    { raw: "₹ 2,500/-", value: "2500" },
    { raw: "₹2,500", value: "2500" },
    { raw: "Rs. 12,34,567", value: "1234567" },
    { raw: "INR 5000", value: "5000" },
    { raw: "$2,500.00", value: "2500" },
    { raw: "USD 99.90", value: "99.9" },
    { raw: "2500 €", value: "2500" },
    { raw: "1 234 567", value: "1234567" },
    { raw: "1\u00a0234", value: "1234" },
    { raw: "-1,200", value: "-1200" },
    { raw: "−12", value: "-12" },
    { raw: "₹-500", value: "-500" },
    { raw: "+42", value: "42" },
    { raw: ".5", value: "0.5" },
    { raw: "5.", value: "5" },
    { raw: "007", value: "7" },
    { raw: "0.0", value: "0" },
    { raw: "-0.00", value: "0" },
    { raw: "12345678901234567890.5", value: "12345678901234567890.5" },
  ])("$raw → $value", ({ raw, value }) => {
    expect(formatNumber(raw)).toEqual({ ok: true, value });
  });

  const notANumber = (raw: string) => `${JSON.stringify(raw)} is not a number: write it like 2500, 2,500.50 or 1,23,456`;
  const badCommas = (raw: string) =>
    `${JSON.stringify(raw)} has commas in unexpected places: commas must group thousands (2,500 or 1,23,456) and the decimal point must be a dot`;
  it.each([
    { raw: "abc", reason: notANumber("abc") },
    { raw: "1e5", reason: notANumber("1e5") },
    { raw: "1.234,56", reason: notANumber("1.234,56") },
    { raw: "1.2.3", reason: notANumber("1.2.3") },
    { raw: "5%", reason: notANumber("5%") },
    { raw: ".", reason: notANumber(".") },
    { raw: "12,5", reason: badCommas("12,5") },
    { raw: "1,2,3", reason: badCommas("1,2,3") },
    { raw: "1234,567", reason: badCommas("1234,567") },
    { raw: "  ", reason: "The number is empty" },
  ])("rejects $raw", ({ raw, reason }) => {
    expect(formatNumber(raw)).toEqual({ ok: false, reason });
  });
});

describe("formatNumber properties", () => {
  it("reads back any integer written with Western or Indian grouping, with or without ₹", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }),
        fc.constantFrom("en-US", "en-IN"),
        fc.boolean(),
        (n, locale, rupee) => {
          const written = `${rupee ? "₹" : ""}${n.toLocaleString(locale)}`;
          expect(formatNumber(written)).toEqual({ ok: true, value: n.toString() });
        },
      ),
    );
  });
});
