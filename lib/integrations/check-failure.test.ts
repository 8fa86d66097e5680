import { describe, expect, it } from "vitest";
import { checkFailure, describeFailure, missingScopesFailure } from "@/lib/integrations/check-failure";

describe("checkFailure", () => {
  const cases = [
    { crm: "leadsquared", kind: "unauthorized", status: 401, field: "accessKey", summary: "The keys were rejected" },
    { crm: "leadsquared", kind: "unreachable", status: undefined, field: "host", summary: "Host unreachable" },
    { crm: "leadsquared", kind: "timeout", status: undefined, field: "host", summary: "Host unreachable (timed out)" },
    { crm: "leadsquared", kind: "bad_response", status: 200, field: "host", summary: "Not a LeadSquared API" },
    { crm: "leadsquared", kind: "not_found", status: 404, field: "host", summary: "Not a LeadSquared API" },
    { crm: "leadsquared", kind: "bad_response", status: 503, field: null, summary: "Error on LeadSquared's side" },
    { crm: "leadsquared", kind: "rate_limited", status: 429, field: null, summary: "LeadSquared is rate limiting this account" },
    { crm: "leadsquared", kind: "rejected", status: 400, field: null, summary: "LeadSquared refused the request" },
    { crm: "hubspot", kind: "unauthorized", status: 401, field: "token", summary: "The token was rejected" },
    { crm: "hubspot", kind: "rejected", status: 403, field: "token", summary: "HubSpot refused the request" },
    { crm: "hubspot", kind: "unreachable", status: undefined, field: null, summary: "Host unreachable" },
    { crm: "hubspot", kind: "rate_limited", status: 429, field: null, summary: "HubSpot is rate limiting this account" },
  ] as const;

  it.each(cases)("$crm $kind ($status) → field $field, “$summary”", ({ crm, kind, status, field, summary }) => {
    const failure = checkFailure(crm, { kind, status, message: "What the client said." });
    expect(failure).toMatchObject({ code: `crm_${kind}`, field, summary });
  });

  it("keeps the client's explanation, except the rate limit's promise of an automatic retry", () => {
    expect(checkFailure("leadsquared", { kind: "unauthorized", status: 401, message: "Copy both keys again." }).message).toBe(
      "Copy both keys again.",
    );
    const limited = checkFailure("hubspot", { kind: "rate_limited", status: 429, message: "Leadline will try again shortly." });
    expect(limited.message).not.toContain("Leadline will try again");
    expect(limited.message).toContain("try again in a minute");
  });

  it("names each missing scope, on the token field", () => {
    const failure = missingScopesFailure(["crm.schemas.contacts.read"]);
    expect(failure).toMatchObject({ code: "missing_scopes", field: "token" });
    expect(failure.message).toContain("crm.schemas.contacts.read");
    expect(describeFailure(failure)).toBe(`The token lacks scopes. ${failure.message}`);
  });
});
