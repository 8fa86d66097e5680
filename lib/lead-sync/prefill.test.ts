import { describe, expect, it } from "vitest";
import { prefillMapping, suggestedSearchBy } from "./prefill";

const f = (name: string) => ({ name, label: name, type: "String" });

describe("the pre-filled mapping", () => {
  it("maps every destination field the source has by the same name, in the destination's order", () => {
    const mapping = prefillMapping(
      [f("mx_City"), f("EmailAddress"), f("FirstName"), f("mx_Only_Source")],
      [f("FirstName"), f("emailaddress"), f("mx_City"), f("mx_Only_Here")],
    );
    expect(mapping).toEqual([
      { source: "FirstName", destination: "FirstName", enabled: true, defaultValue: null, custom: false },
      { source: "EmailAddress", destination: "emailaddress", enabled: true, defaultValue: null, custom: false },
      { source: "mx_City", destination: "mx_City", enabled: true, defaultValue: null, custom: false },
    ]);
  });

  it("leaves out each account's own ids and stamps, and a field listed twice", () => {
    const both = [f("ProspectID"), f("CreatedOn"), f("ModifiedOn"), f("OwnerId"), f("Phone"), f("Phone")];
    expect(prefillMapping(both, both).map((m) => m.destination)).toEqual(["Phone"]);
  });

  it("suggests email, then mobile, then phone as Search By", () => {
    expect(suggestedSearchBy(prefillMapping([f("Phone"), f("EmailAddress")], [f("Phone"), f("EmailAddress")]))).toBe("EmailAddress");
    expect(suggestedSearchBy(prefillMapping([f("Phone"), f("Mobile")], [f("Phone"), f("Mobile")]))).toBe("Mobile");
    expect(suggestedSearchBy([])).toBeNull();
  });
});
