import { describe, expect, it } from "vitest";
import { parseHubSpotEvents } from "@/lib/crm/hubspot/events";
import { parseLeadSquaredBody } from "@/lib/crm/leadsquared/lead-body";
import { hubSpotDedupeKey, joinKey, leadSquaredDedupeKey } from "./dedupe-key";

const LEAD = { ProspectID: "A311900C-0E56-4601-B580-F931645E7B32", FirstName: "Asha", Phone: "+91-9876543210" };

function lsqLead(body: unknown, query: string) {
  const result = parseLeadSquaredBody({ raw: JSON.stringify(body), contentType: "application/json", query: new URLSearchParams(query) });
  if (!result.ok || !result.leads[0]) throw new Error("fixture did not parse");
  return result.leads[0];
}

function hsEvent(event: Record<string, unknown>) {
  const result = parseHubSpotEvents(JSON.stringify([event]));
  if (!result.ok || !result.events[0]) throw new Error("fixture did not parse");
  return result.events[0];
}

describe("leadSquaredDedupeKey: one open call per agent and lead, whatever event announced it", () => {
  const create = "entityType=webhook&entityId=7463290b&eventType=Lead_Post_Create";

  it("is the agent and the lowercased ProspectID", () => {
    expect(leadSquaredDedupeKey("agt_1", lsqLead(LEAD, create))).toBe("agt_1:leadsquared:a311900c-0e56-4601-b580-f931645e7b32");
  });

  it.each([
    { rule: "a retry of the same post", other: lsqLead(LEAD, create), same: true },
    {
      rule: "the same lead from an automation instead of the webhook",
      other: lsqLead(LEAD, "entityType=automation&entityId=r-9&eventType=Lead_Post_Create"),
      same: true,
    },
    { rule: "the same lead with fields changed since", other: lsqLead({ ...LEAD, FirstName: "ASHA" }, create), same: true },
    {
      rule: "the same lead announced by another event (Lead create, then Lead update)",
      other: lsqLead(LEAD, "entityType=webhook&entityId=7463290b&eventType=Lead_Post_Update"),
      same: true,
    },
    { rule: "another lead", other: lsqLead({ ...LEAD, ProspectID: "b" }, create), same: false },
  ])("$rule → same key: $same", ({ other, same }) => {
    const key = leadSquaredDedupeKey("agt_1", lsqLead(LEAD, create));
    expect(leadSquaredDedupeKey("agt_1", other) === key).toBe(same);
  });

  it("differs per agent", () => {
    expect(leadSquaredDedupeKey("agt_2", lsqLead(LEAD, create))).not.toBe(leadSquaredDedupeKey("agt_1", lsqLead(LEAD, create)));
  });

  it("falls back to a hash of the fields, independent of key order, when there is no ProspectID", () => {
    const a = leadSquaredDedupeKey("agt_1", lsqLead({ FirstName: "Asha", Phone: "9876543210", Extra: { b: 1, a: [1, null] } }, create));
    const b = leadSquaredDedupeKey("agt_1", lsqLead({ Extra: { a: [1, null], b: 1 }, Phone: "9876543210", FirstName: "Asha" }, create));
    const c = leadSquaredDedupeKey("agt_1", lsqLead({ FirstName: "Asha", Phone: "9876543211", Extra: { b: 1, a: [1, null] } }, create));
    expect(a).toMatch(/^agt_1:leadsquared:body-[0-9a-f]{64}$/);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });

  it("is the same with or without LeadSquared's eventType", () => {
    expect(leadSquaredDedupeKey("agt_1", lsqLead({ ProspectID: "p-1" }, ""))).toBe("agt_1:leadsquared:p-1");
  });
});

describe("hubSpotDedupeKey: one call per agent, portal, contact and trigger", () => {
  const CREATED = {
    eventId: 1860012345,
    subscriptionId: 2891034,
    portalId: 48211234,
    occurredAt: 1763800000123,
    subscriptionType: "contact.creation",
    attemptNumber: 0,
    objectId: 90512345678,
  };

  it("is the agent, portal, contact and trigger", () => {
    expect(hubSpotDedupeKey("agt_1", hsEvent(CREATED))).toBe("agt_1:hubspot:48211234:90512345678:contact.creation");
  });

  it.each([
    { rule: "a redelivery (same eventId, attemptNumber 1)", other: { ...CREATED, attemptNumber: 1 }, same: true },
    {
      rule: "the same creation through an object.creation subscription",
      other: { ...CREATED, eventId: 99, subscriptionType: "object.creation", objectTypeId: "0-1" },
      same: true,
    },
    { rule: "another contact", other: { ...CREATED, eventId: 1860012346, objectId: 90512345679 }, same: false },
    { rule: "the same contact id in another portal", other: { ...CREATED, portalId: 1 }, same: false },
    {
      rule: "a property change of the same contact",
      other: { ...CREATED, subscriptionType: "contact.propertyChange", propertyName: "phone" },
      same: false,
    },
  ])("$rule → same key: $same", ({ other, same }) => {
    expect(hubSpotDedupeKey("agt_1", hsEvent(other)) === hubSpotDedupeKey("agt_1", hsEvent(CREATED))).toBe(same);
  });

  it("includes the property of a property change, and the eventId when there is no object", () => {
    expect(hubSpotDedupeKey("agt_1", hsEvent({ ...CREATED, subscriptionType: "contact.propertyChange", propertyName: "phone" }))).toBe(
      "agt_1:hubspot:48211234:90512345678:contact.propertyChange%3Aphone",
    );
    expect(hubSpotDedupeKey("agt_1", hsEvent({ ...CREATED, subscriptionType: "contact.deletion", objectId: undefined }))).toBe(
      "agt_1:hubspot:48211234:event-1860012345:contact.deletion",
    );
  });
});

describe("joinKey: different parts never give the same key", () => {
  it.each([
    { rule: "a colon moved between two parts", a: ["agt_1", "a:b", "c"], b: ["agt_1", "a", "b:c"] },
    { rule: "an already-encoded colon", a: ["agt_1", "a%3Ab"], b: ["agt_1", "a:b"] },
    { rule: "a long part and the text of its hash", a: ["x".repeat(101)], b: [`#${"0".repeat(64)}`] },
  ])("$rule", ({ a, b }) => {
    expect(joinKey(...a)).not.toBe(joinKey(...b));
  });

  it("encodes a part with a lone surrogate instead of throwing", () => {
    expect(joinKey("agt_1", "a\ud83db")).toBe("agt_1:a%EF%BF%BDb");
  });

  it("keeps a LeadSquared key short whatever the ProspectID", () => {
    const key = leadSquaredDedupeKey("agt_1", { leadId: "p".repeat(5_000), fields: {} });
    expect(key.length).toBeLessThan(200);
    expect(key).toMatch(/^agt_1:leadsquared:#[0-9a-f]{64}$/);
  });

  it("two agents whose ids and ProspectIDs collided when joined with a bare colon now differ", () => {
    const first = leadSquaredDedupeKey("agt_1:leadsquared", { leadId: "x", fields: {} });
    const second = leadSquaredDedupeKey("agt_1", { leadId: "leadsquared:x", fields: {} });
    expect(first).not.toBe(second);
  });
});
