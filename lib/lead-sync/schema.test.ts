import { describe, expect, it } from "vitest";
import { leadSyncConfigSchema } from "./schema";

const valid = {
  name: "Clinic → Patients",
  leadSource: "LeadSquared 2nd account",
  defaultCountryCode: "+91",
  sourceTimeZone: "Asia/Kolkata",
  searchBy: "EmailAddress",
  secondarySearchBy: "Mobile",
  lead: {
    behaviour: "capture",
    fields: [
      { source: "EmailAddress", destination: "EmailAddress" },
      { source: "Mobile", destination: "Mobile" },
    ],
  },
  activity: { enabled: false, behaviour: "capture", fields: [] },
};

describe("leadSyncConfigSchema", () => {
  it("accepts a full configuration and normalises the country code", () => {
    const parsed = leadSyncConfigSchema.parse(valid);
    expect(parsed.defaultCountryCode).toBe("91");
    expect(parsed.lead.fields[0]).toMatchObject({ enabled: true, defaultValue: null, custom: false });
  });

  it.each([
    [{ searchBy: "mx_PAN" }, ["searchBy"], "Search By (mx_PAN) must be one of the mapped, enabled fields"],
    [{ secondarySearchBy: "EmailAddress" }, ["secondarySearchBy"], "The secondary Search By must differ from the first"],
    [{ sourceTimeZone: "+05:30" }, ["sourceTimeZone"], "Use an IANA time zone such as Asia/Kolkata"],
    [{ defaultCountryCode: "India" }, ["defaultCountryCode"], "A country calling code is 1–4 digits, e.g. 91"],
  ])("refuses %o at %o", (change, path, message) => {
    const result = leadSyncConfigSchema.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path, i.message])).toContainEqual([path, message]);
  });

  it("refuses a Search By field that is mapped but disabled, and a destination mapped twice", () => {
    const disabled = {
      ...valid,
      lead: { ...valid.lead, fields: [{ source: "EmailAddress", destination: "EmailAddress", enabled: false }, valid.lead.fields[1]] },
    };
    expect(leadSyncConfigSchema.safeParse(disabled).success).toBe(false);
    const twice = { ...valid, lead: { ...valid.lead, fields: [...valid.lead.fields, { source: "Email2", destination: "emailaddress" }] } };
    const result = leadSyncConfigSchema.safeParse(twice);
    expect(result.error?.issues.map((i) => i.message)).toContain("emailaddress is mapped twice");
  });
});
