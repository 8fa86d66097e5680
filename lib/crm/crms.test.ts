import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/http/errors";
import { CRM_NAMES, CRMS, crmOfParam, crmSchema, isCrm } from "./crms";

describe("the list of CRMs", () => {
  it("names each CRM once, as people write it", () => {
    expect(CRMS).toEqual(["leadsquared", "hubspot"]);
    expect(CRMS.map((c) => CRM_NAMES[c])).toEqual(["LeadSquared", "HubSpot"]);
  });

  it("recognises only those names, exactly", () => {
    expect(CRMS.every(isCrm)).toBe(true);
    for (const other of ["api", "LeadSquared", "", null, undefined, 1]) expect(isCrm(other)).toBe(false);
  });

  it("refuses anything else in a schema, saying which CRMs there are", () => {
    expect(crmSchema.parse("hubspot")).toBe("hubspot");
    expect(crmSchema.safeParse("salesforce").error?.issues[0]?.message).toBe("Leadline connects leadsquared and hubspot.");
  });

  it("reads a URL's :crm, and answers 404 for an unknown one", () => {
    expect(crmOfParam("leadsquared")).toBe("leadsquared");
    let thrown: unknown;
    try {
      crmOfParam("salesforce");
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ApiError);
    expect(thrown).toMatchObject({
      status: 404,
      code: "unknown_crm",
      message: "Leadline connects leadsquared and hubspot, not salesforce.",
    });
  });
});
