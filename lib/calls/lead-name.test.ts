import { describe, expect, it } from "vitest";
import { leadNameOf } from "./lead-name";

describe("leadNameOf", () => {
  it("prefers the mapped name variable", () => {
    expect(leadNameOf({ name: " Asha " }, { FirstName: "Other" })).toBe("Asha");
  });
  it("joins LeadSquared's first and last name, else uses ProspectName", () => {
    expect(leadNameOf({}, { FirstName: "Asha", LastName: "Rao" })).toBe("Asha Rao");
    expect(leadNameOf({}, { FirstName: "", LastName: "Rao" })).toBe("Rao");
    expect(leadNameOf({}, { ProspectName: "Asha Rao" })).toBe("Asha Rao");
  });
  it("joins HubSpot's firstname and lastname", () => {
    expect(leadNameOf({}, { firstname: "Mo", lastname: "Khan", phone: "+1" })).toBe("Mo Khan");
  });
  it("answers null when the lead carries no name", () => {
    expect(leadNameOf({ phone: "+91" }, { Phone: "+91", FirstName: 42 })).toBeNull();
  });
});
