import { describe, expect, it } from "vitest";
import { arrivingFingerprint, writeFingerprint } from "./echo";

describe("writeFingerprint", () => {
  it("ignores order, letter case of names, surrounding spaces and the Source label", () => {
    const a = writeFingerprint([
      { Attribute: "FirstName", Value: "Asha" },
      { Attribute: "Mobile", Value: "+919876543210" },
      { Attribute: "Source", Value: "A" },
    ]);
    const b = writeFingerprint([
      { Attribute: "mobile", Value: " +919876543210" },
      { Attribute: "firstname", Value: "Asha" },
      { Attribute: "Source", Value: "B" },
    ]);
    expect(a).toBe(b);
  });

  it("changes when any value changes", () => {
    const a = writeFingerprint([{ Attribute: "FirstName", Value: "Asha" }]);
    expect(writeFingerprint([{ Attribute: "FirstName", Value: "Asha K" }])).not.toBe(a);
    expect(writeFingerprint([{ Attribute: "LastName", Value: "Asha" }])).not.toBe(a);
  });
});

describe("arrivingFingerprint", () => {
  const accountFields = new Map([
    ["mobile", { schemaName: "Mobile", dataType: "Phone" }],
    ["mx_when", { schemaName: "mx_When", dataType: "datetime" }],
  ]);
  const written = writeFingerprint([
    { Attribute: "FirstName", Value: "Asha" },
    { Attribute: "Mobile", Value: "+919876543210" },
    { Attribute: "mx_When", Value: "2026-11-23 05:30:00" },
  ]);
  const fields = ["FirstName", "Mobile", "mx_When"];

  it("matches the write when the account answers in its own formats (hyphenated phone, milliseconds, UTC)", () => {
    const lead = { ProspectID: "x", FirstName: "Asha", Mobile: "+91-9876543210", mx_When: "2026-11-23 05:30:00.000", Source: "A" };
    expect(arrivingFingerprint({ lead, fields, accountFields, defaultCountryCode: "91" })).toBe(written);
  });

  it("differs once a written field changed in the other account", () => {
    const lead = { FirstName: "Asha K", Mobile: "+91-9876543210", mx_When: "2026-11-23 05:30:00" };
    expect(arrivingFingerprint({ lead, fields, accountFields, defaultCountryCode: "91" })).not.toBe(written);
  });
});
