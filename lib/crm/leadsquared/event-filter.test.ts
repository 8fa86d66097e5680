import { describe, expect, it } from "vitest";
import { leadSquaredEventDecision } from "./event-filter";

describe("leadSquaredEventDecision", () => {
  it("calls on the URL's events, comparing LeadSquared's names in any case", () => {
    expect(leadSquaredEventDecision("Lead_Post_Create", ["lead_create"])).toEqual({ call: true });
    expect(leadSquaredEventDecision("lead_post_update", ["lead_create", "lead_update"])).toEqual({ call: true });
  });

  it("ignores another known event, saying which events call and how to add it", () => {
    expect(leadSquaredEventDecision("Lead_Post_Update", ["lead_create"])).toEqual({
      call: false,
      reason:
        "Ignored: “Lead update” (Lead_Post_Update) does not place calls on this URL, which calls on Lead create. Add lead_update to events= in the webhook URL to call on it.",
    });
  });

  it("ignores an event LeadSquared's Create Webhook document does not list", () => {
    expect(leadSquaredEventDecision("SalesActivity_Post_Create", ["lead_create", "opportunity_create"])).toEqual({
      call: false,
      reason:
        "Ignored: SalesActivity_Post_Create does not place calls on this URL, which calls on Lead create, Opportunity create. Add the event to events= in the webhook URL to call on it.",
    });
  });

  it("calls when LeadSquared sent no eventType (automations, the test lead, hand-made posts)", () => {
    expect(leadSquaredEventDecision(null, ["lead_update"])).toEqual({ call: true });
    expect(leadSquaredEventDecision(" ", ["lead_update"])).toEqual({ call: true });
  });
});
