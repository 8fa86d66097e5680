import { describe, expect, it } from "vitest";
import { writeFingerprint } from "./echo";

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
