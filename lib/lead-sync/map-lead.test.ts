import { describe, expect, it } from "vitest";
import type { DestinationField } from "./convert";
import { mapLead, searchValue } from "./map-lead";
import { fieldMappingSchema } from "./schema";

const settings = { defaultCountryCode: "91", sourceTimeZone: "Asia/Kolkata" };
const fields = (list: Array<Partial<{ source: string; destination: string; enabled: boolean; defaultValue: string | null }>>) =>
  list.map((f) => fieldMappingSchema.parse({ source: f.source, destination: f.destination ?? f.source, ...f }));
const destination = new Map<string, DestinationField>(
  [
    { schemaName: "FirstName", dataType: "Text" },
    { schemaName: "EmailAddress", dataType: "Email" },
    { schemaName: "Mobile", dataType: "Phone" },
    { schemaName: "mx_Age", dataType: "Number" },
    { schemaName: "mx_City", dataType: "Select", options: ["Pune", "Mumbai"] },
  ].map((f) => [f.schemaName.toLowerCase(), f]),
);

describe("mapLead", () => {
  it("maps enabled fields, converting each for its destination type, and leaves disabled ones out", () => {
    const result = mapLead({
      source: { FirstName: "Asha", mobile: "9876543210", mx_Age: "31", mx_City: "pune", EmailAddress: "a@x.in" },
      fields: fields([
        { source: "FirstName" },
        { source: "Mobile" },
        { source: "mx_Age" },
        { source: "mx_City" },
        { source: "EmailAddress", enabled: false },
      ]),
      destinationFields: destination,
      existing: null,
      settings,
    });
    expect(result).toEqual({
      ok: true,
      attributes: [
        { Attribute: "FirstName", Value: "Asha" },
        { Attribute: "Mobile", Value: "+919876543210" },
        { Attribute: "mx_Age", Value: "31" },
        { Attribute: "mx_City", Value: "Pune" },
      ],
    });
  });

  it("uses a default only when the source sends nothing and the destination's field is empty", () => {
    const mapping = fields([{ source: "mx_City", defaultValue: "Mumbai" }]);
    const base = { fields: mapping, destinationFields: destination, settings };
    expect(mapLead({ ...base, source: {}, existing: null })).toEqual({ ok: true, attributes: [{ Attribute: "mx_City", Value: "Mumbai" }] });
    expect(mapLead({ ...base, source: { mx_City: "  " }, existing: { mx_City: "" } })).toEqual({
      ok: true,
      attributes: [{ Attribute: "mx_City", Value: "Mumbai" }],
    });
    expect(mapLead({ ...base, source: {}, existing: { mx_City: "Pune" } })).toEqual({ ok: true, attributes: [] });
    expect(mapLead({ ...base, source: { mx_City: "Pune" }, existing: null })).toEqual({
      ok: true,
      attributes: [{ Attribute: "mx_City", Value: "Pune" }],
    });
  });

  it("fails the lead with every type mismatch at once", () => {
    const result = mapLead({
      source: { mx_Age: "true", mx_City: "Delhi", FirstName: { nested: 1 } },
      fields: fields([{ source: "mx_Age" }, { source: "mx_City" }, { source: "FirstName" }]),
      destinationFields: destination,
      existing: null,
      settings,
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((e) => e.field)).toEqual(["mx_Age", "mx_City", "FirstName"]);
  });

  it("maps to a custom destination name and finds the search value after conversion", () => {
    const result = mapLead({
      source: { Phone: "98765 43210" },
      fields: fields([{ source: "Phone", destination: "Mobile" }]),
      destinationFields: destination,
      existing: null,
      settings,
    });
    expect(result.ok && searchValue(result.attributes, "mobile")).toBe("+919876543210");
    expect(result.ok && searchValue(result.attributes, "EmailAddress")).toBeNull();
  });
});
