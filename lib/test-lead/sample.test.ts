import { describe, expect, it } from "vitest";
import { parseHubSpotEvents, hubSpotEventAction } from "@/lib/crm/hubspot/events";
import { resolveVariables } from "@/lib/variables/map";
import { variableListSchema } from "@/lib/variables/schema";
import { sampleHubSpotEvents, sampleLeadSquaredLead, TEST_LEAD_PHONE } from "./sample";

const now = new Date("2026-11-23T13:30:00Z");
const variables = variableListSchema.parse([
  { name: "name", source: "leadsquared", field: "FirstName", format: "first_name" },
  { name: "phone", source: "leadsquared", field: "Phone" },
  { name: "email", source: "leadsquared", field: "EmailAddress" },
  { name: "budget", source: "leadsquared", field: "mx_Budget", format: "number" },
  { name: "visit", source: "leadsquared", field: "mx_Visit", format: "date" },
  { name: "notes", source: "leadsquared", field: "mx_Notes" },
  { name: "hs_first", source: "hubspot", field: "firstname" },
]);

describe("sampleLeadSquaredLead", () => {
  it("fills every mapped LeadSquared field with a plausible value and a simulator number that answers", () => {
    const lead = sampleLeadSquaredLead({ variables, phoneVariable: "phone", leadId: "test-1", now });
    expect(lead).toEqual({
      ProspectID: "test-1",
      FirstName: "asha",
      Phone: TEST_LEAD_PHONE,
      EmailAddress: "asha.verma@example.com",
      mx_Budget: "85,00,000",
      mx_Visit: "2026-11-23",
      mx_Notes: "Test mx_Notes",
    });
    const resolved = resolveVariables({ lead, variables, defaultCountryCode: "91", source: "leadsquared" });
    expect(resolved.phone).toBe("+919876543210");
    expect(resolved.problems).toEqual([]);
  });

  it("adds a Phone when the agent maps none, so the test reaches the call", () => {
    expect(sampleLeadSquaredLead({ variables: [], phoneVariable: "phone", leadId: "t", now }).Phone).toBe(TEST_LEAD_PHONE);
  });
});

describe("sampleHubSpotEvents", () => {
  it("is a contact.creation event the webhook schedules a call for", () => {
    const events = sampleHubSpotEvents({ portalId: "48211234", contactId: "90512345678", eventId: "77", now });
    const parsed = parseHubSpotEvents(JSON.stringify(events));
    if (!parsed.ok) throw new Error(parsed.message);
    expect(parsed.invalid).toEqual([]);
    expect(parsed.events[0]).toMatchObject({ objectId: "90512345678", portalId: "48211234", objectType: "contact", change: "creation" });
    expect(hubSpotEventAction(parsed.events[0]!)).toEqual({ action: "call" });
  });
});
