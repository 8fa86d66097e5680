import { describe, expect, it } from "vitest";
import { crmMismatch } from "./crm-match";

const lsq = (name: string) => ({ name, source: "leadsquared" as const });
const hub = (name: string) => ({ name, source: "hubspot" as const });

describe("crmMismatch", () => {
  it("is quiet when the chosen CRM has the phone variable, or when nothing is mapped yet", () => {
    expect(crmMismatch({ crm: "leadsquared", variables: [lsq("phone"), lsq("name")], phoneVariable: "phone" })).toBeNull();
    expect(crmMismatch({ crm: "hubspot", variables: [], phoneVariable: "phone" })).toBeNull();
  });

  it("names the CRM every variable reads when another is chosen", () => {
    expect(crmMismatch({ crm: "hubspot", variables: [lsq("phone"), lsq("name")], phoneVariable: "phone" })).toBe(
      "Every variable of this agent reads LeadSquared fields, so a HubSpot lead would arrive with no number to call and fail. Map HubSpot fields under Variable Source, or choose LeadSquared here.",
    );
  });

  it("asks for the phone variable when the chosen CRM has others but not it", () => {
    expect(crmMismatch({ crm: "hubspot", variables: [lsq("mobile"), hub("name")], phoneVariable: "mobile" })).toBe(
      'No HubSpot variable is named "mobile", so a HubSpot lead would have no number to call. Add one under Variable Source.',
    );
  });
});
