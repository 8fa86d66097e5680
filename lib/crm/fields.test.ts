import { describe, expect, it } from "vitest";
import { hubSpotFieldList, leadSquaredFieldList, searchFields } from "./fields";

const fields = [
  { name: "FirstName", label: "First Name", type: "Text" },
  { name: "Phone", label: "Phone Number", type: "Phone" },
  { name: "Mobile", label: "Mobile Number", type: "Phone" },
  { name: "mx_Phone_Alt", label: "Alternate phone", type: "Phone" },
];

describe("CRM field lists", () => {
  it("normalise LeadSquared metadata to name, label and type, each name once", () => {
    const list = leadSquaredFieldList([
      { schemaName: "Phone", displayName: "Phone Number", dataType: "Phone" },
      { schemaName: "Phone", displayName: "Phone", dataType: "Phone" },
      { schemaName: "mx_City", displayName: "City", dataType: "Select" },
    ]);
    expect(list).toEqual([
      { name: "Phone", label: "Phone Number", type: "Phone" },
      { name: "mx_City", label: "City", type: "Select" },
    ]);
  });

  it("leave out HubSpot's hidden properties", () => {
    const base = { fieldType: "text", groupName: "contactinformation" };
    const list = hubSpotFieldList([
      { ...base, name: "phone", label: "Phone Number", type: "string", hidden: false },
      { ...base, name: "hs_object_id", label: "Record ID", type: "number", hidden: true },
    ]);
    expect(list).toEqual([{ name: "phone", label: "Phone Number", type: "string" }]);
  });
});

describe("searchFields", () => {
  it.each([
    ["", ["FirstName", "Phone", "Mobile", "mx_Phone_Alt"]],
    ["number", ["Phone", "Mobile"]],
    ["PHONE", ["Phone", "mx_Phone_Alt"]],
    ["alt phone", ["mx_Phone_Alt"]],
    ["mobile", ["Mobile"]],
    ["email", []],
  ])("%j matches names and labels in any case, every word", (query, names) => {
    expect(searchFields(fields, query).map((f) => f.name)).toEqual(names);
  });

  it("puts an exact name first", () => {
    const list = [
      { name: "phone_alt", label: "Phone (alt)", type: "string" },
      { name: "phone", label: "Phone", type: "string" },
    ];
    expect(searchFields(list, "phone").map((f) => f.name)).toEqual(["phone", "phone_alt"]);
  });
});
