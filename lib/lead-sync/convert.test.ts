import { describe, expect, it } from "vitest";
import { convertValue, fieldKind, toUtcDateTime } from "./convert";

const settings = { defaultCountryCode: "91", sourceTimeZone: "Asia/Kolkata" };
const field = (dataType: string, extra: object = {}) => ({ schemaName: "mx_Field", displayName: "Field", dataType, ...extra });

describe("fieldKind", () => {
  it.each([
    [{ schemaName: "Phone", dataType: "Text" }, "phone"],
    [{ schemaName: "Mobile", dataType: "String" }, "phone"],
    [{ schemaName: "mx_Alt", dataType: "Phone" }, "phone"],
    [{ schemaName: "mx_Flag", dataType: "Boolean" }, "boolean"],
    [{ schemaName: "mx_Age", dataType: "Number" }, "number"],
    [{ schemaName: "mx_Price", dataType: "Decimal" }, "number"],
    [{ schemaName: "mx_When", dataType: "DateTime" }, "datetime"],
    [{ schemaName: "mx_Day", dataType: "Date" }, "date"],
    [{ schemaName: "mx_City", dataType: "Select", options: ["Pune"] }, "option"],
    [{ schemaName: "mx_City", dataType: "Select" }, "text"],
  ])("%o is %s", (f, kind) => expect(fieldKind(f)).toBe(kind));
});

describe("convertValue", () => {
  it("prefixes the default country code to a mobile number without one", () => {
    expect(convertValue("98765 43210", field("Phone"), settings)).toEqual({ ok: true, value: "+919876543210" });
    expect(convertValue("+1 415 555 0100", field("Phone"), settings)).toEqual({ ok: true, value: "+14155550100" });
  });

  it("fails a boolean mapped to a number, naming the field and the value", () => {
    const result = convertValue("true", field("Number"), settings);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/^Field \(Number\): "true" is not a number/);
  });

  it("reads yes/no for booleans and writes LeadSquared's 1/0", () => {
    expect(convertValue("Yes", field("Boolean"), settings)).toEqual({ ok: true, value: "1" });
    expect(convertValue("false", field("Boolean"), settings)).toEqual({ ok: true, value: "0" });
    expect(convertValue("maybe", field("Boolean"), settings).ok).toBe(false);
  });

  it("matches a dropdown option whatever its letter case, and refuses others", () => {
    const city = field("Select", { options: ["Pune", "Bengaluru"] });
    expect(convertValue("pune", city, settings)).toEqual({ ok: true, value: "Pune" });
    expect(convertValue("Delhi", city, settings).ok).toBe(false);
  });

  it("refuses a value longer than the field holds", () => {
    const result = convertValue("abcdef", field("Text", { maxLength: 5 }), settings);
    expect(!result.ok && result.reason).toBe("Field holds at most 5 characters; the source sent 6");
  });

  it("reads a source date-time in the source account's zone and writes UTC", () => {
    expect(convertValue("2026-12-01 10:30", field("DateTime"), settings)).toEqual({ ok: true, value: "2026-12-01 05:00:00" });
    expect(convertValue("2026-12-01T10:30:00Z", field("DateTime"), settings)).toEqual({ ok: true, value: "2026-12-01 10:30:00" });
    expect(convertValue("2026-12-01", field("Date"), settings)).toEqual({ ok: true, value: "2026-12-01" });
    expect(convertValue("31/02/2026", field("Date"), settings).ok).toBe(false);
    // A date field keeps the source's calendar day, even where UTC is still on the day before.
    expect(convertValue("2026-12-01 01:00", field("Date"), settings)).toEqual({ ok: true, value: "2026-12-01" });
    expect(convertValue("01/12/2026", field("Date"), settings)).toEqual({ ok: true, value: "2026-12-01" });
  });
});

describe("toUtcDateTime", () => {
  it("takes the earlier instant of an ambiguous wall time and refuses impossible dates", () => {
    expect(toUtcDateTime("2026-11-01 01:30", "America/New_York")).toEqual({ ok: true, value: "2026-11-01 05:30:00" });
    expect(toUtcDateTime("2026-02-30 10:00", "UTC").ok).toBe(false);
    expect(toUtcDateTime("2026-12-01 10:00+05:30", "America/New_York")).toEqual({ ok: true, value: "2026-12-01 04:30:00" });
  });
});
