import { describe, expect, it } from "vitest";
import { formatFirstName, formatLower, formatTitleCase, formatTrim, formatUpper, formatValue } from "./format";
import type { VariableFormat } from "./schema";

describe("formatFirstName picks the name to greet someone by", () => {
  it.each([
    { raw: "asha rao", value: "Asha" },
    { raw: "ASHA RAO", value: "Asha" },
    { raw: "Dr. asha rao", value: "Asha" },
    { raw: "Mrs Smt. Lakshmi Iyer", value: "Lakshmi" },
    { raw: "Rao, Asha", value: "Asha" },
    { raw: "K. Srinivasan", value: "Srinivasan" },
    { raw: "A. R. Rahman", value: "Rahman" },
    { raw: "McDonald", value: "McDonald" },
    { raw: "mary-jane watson", value: "Mary-Jane" },
    { raw: "  Asha\n\tRao ", value: "Asha" },
    { raw: "Asha,", value: "Asha" },
    { raw: "ज्योति शर्मा", value: "ज्योति" },
  ])("$raw → $value", ({ raw, value }) => {
    expect(formatFirstName(raw)).toEqual({ ok: true, value });
  });

  it.each([
    { raw: "   ", reason: "The name is empty" },
    { raw: "Mr.", reason: '"Mr." is only a title, not a name' },
  ])("rejects $raw", ({ raw, reason }) => {
    expect(formatFirstName(raw)).toEqual({ ok: false, reason });
  });
});

describe("formatTitleCase", () => {
  it.each([
    { raw: "asha  RAO", value: "Asha Rao" },
    { raw: "o'brien", value: "O'Brien" },
    { raw: "it's me", value: "It's Me" },
    { raw: "mary-jane d'souza", value: "Mary-Jane D'Souza" },
    { raw: "DeShawn jones", value: "DeShawn Jones" },
    { raw: "PUNE\u00a0city", value: "Pune City" },
    { raw: "ज्योति शर्मा", value: "ज्योति शर्मा" },
  ])("$raw → $value", ({ raw, value }) => {
    expect(formatTitleCase(raw)).toEqual({ ok: true, value });
  });
});

describe("trim, upper and lower collapse whitespace", () => {
  it.each([
    { fn: formatTrim, raw: "  Pune \n  West ", value: "Pune West" },
    { fn: formatUpper, raw: " mx_city  pune ", value: "MX_CITY PUNE" },
    { fn: formatLower, raw: " ASHA@Example.COM ", value: "asha@example.com" },
  ])("$fn.name($raw) → $value", ({ fn, raw, value }) => {
    expect(fn(raw)).toEqual({ ok: true, value });
  });

  it.each([formatTrim, formatUpper, formatLower])("%o rejects whitespace-only text", (fn) => {
    expect(fn(" \n ")).toEqual({ ok: false, reason: "The text is empty" });
  });
});

describe("formatValue dispatches on the variable's format", () => {
  const context = { defaultCountryCode: "91", timeZone: "Asia/Kolkata" };
  it.each<{ format: VariableFormat | undefined; raw: string; value: string }>([
    { format: "phone_e164", raw: "+91-9876543210", value: "+919876543210" },
    { format: "first_name", raw: "asha rao", value: "Asha" },
    { format: "title_case", raw: "asha rao", value: "Asha Rao" },
    { format: "upper", raw: "pune", value: "PUNE" },
    { format: "lower", raw: "PUNE", value: "pune" },
    { format: "trim", raw: " a  b ", value: "a b" },
    { format: "date", raw: "2024-01-15 20:00:00", value: "2024-01-16" },
    { format: "number", raw: "₹1,23,456", value: "123456" },
    { format: undefined, raw: "  keep  inner  spaces ", value: "keep  inner  spaces" },
  ])("$format", ({ format, raw, value }) => {
    expect(formatValue(format, raw, context)).toEqual({ ok: true, value });
  });

  it("with no format rejects whitespace-only values", () => {
    expect(formatValue(undefined, "  ", context)).toEqual({ ok: false, reason: "The value is empty" });
  });

  it("date defaults to UTC when no zone is given", () => {
    expect(formatValue("date", "2024-01-15 20:00:00", { defaultCountryCode: null })).toEqual({ ok: true, value: "2024-01-15" });
  });
});
