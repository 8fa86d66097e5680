import { describe, expect, it } from "vitest";
import { callProblem, failedBeforeDialing, leadSecondaryId, leadTitle, phoneText } from "@/lib/client/call-display";

const base = { status: "scheduled", phone: "", leadName: null, crmLeadId: null, attemptsMade: 0, lastError: null, nextAttemptReason: null };

describe("leadTitle / leadSecondaryId", () => {
  it.each([
    [{ leadName: "Asha Rao", crmLeadId: "lsq-1" }, "Asha Rao", "lsq-1"],
    [{ leadName: null, crmLeadId: "lsq-1" }, "lsq-1", null],
    [{ leadName: "  ", crmLeadId: "lsq-1" }, "lsq-1", null],
    [{ leadName: "Asha Rao", crmLeadId: null }, "Asha Rao", null],
    [{ leadName: null, crmLeadId: null }, "Unnamed lead", null],
  ])("%o is titled %s with secondary %s", (lead, title, secondary) => {
    expect(leadTitle(lead)).toBe(title);
    expect(leadSecondaryId(lead)).toBe(secondary);
  });
});

describe("phoneText", () => {
  it("shows the number when there is one", () => expect(phoneText({ status: "failed", phone: "+919800000001" })).toBe("+919800000001"));
  it("says the number is being read only while the call is resolving", () =>
    expect(phoneText({ status: "resolving", phone: "" })).toBe("reading from CRM…"));
  it("says there is no number once the call stopped without one", () => {
    expect(phoneText({ status: "failed", phone: "" })).toBe("no number");
    expect(phoneText({ status: "cancelled", phone: "" })).toBe("no number");
  });
});

describe("callProblem", () => {
  it("gives a failed call's last error", () =>
    expect(callProblem({ ...base, status: "failed", lastError: "The lead has no usable phone number." })).toBe(
      "The lead has no usable phone number.",
    ));
  it("falls back to the reason there is no next attempt", () =>
    expect(callProblem({ ...base, status: "failed", nextAttemptReason: { text: "All 3 attempts used." } })).toBe("All 3 attempts used."));
  it("is silent for a call that is still going or completed", () => {
    expect(callProblem({ ...base, status: "scheduled", lastError: "old" })).toBeNull();
    expect(callProblem({ ...base, status: "completed", lastError: "old" })).toBeNull();
  });
});

describe("failedBeforeDialing", () => {
  it("is true only for a failed call with no attempt", () => {
    expect(failedBeforeDialing({ status: "failed", attemptsMade: 0 })).toBe(true);
    expect(failedBeforeDialing({ status: "failed", attemptsMade: 2 })).toBe(false);
    expect(failedBeforeDialing({ status: "resolving", attemptsMade: 0 })).toBe(false);
  });
});
