import { describe, expect, it } from "vitest";
import { type HubSpotEvent, hubSpotEventAction, parseHubSpotEvents } from "./events";

// The reconstructed delivery of api-facts §2.2.
const CREATED_1 = {
  eventId: 1860012345,
  subscriptionId: 2891034,
  portalId: 48211234,
  appId: 4021977,
  occurredAt: 1763800000123,
  subscriptionType: "contact.creation",
  attemptNumber: 0,
  objectId: 90512345678,
  changeFlag: "CREATED",
  changeSource: "CRM_UI",
  sourceId: "userId:7712",
};
const CREATED_2 = {
  eventId: 1860012346,
  subscriptionId: 2891034,
  portalId: 48211234,
  appId: 4021977,
  occurredAt: 1763800000456,
  subscriptionType: "contact.creation",
  attemptNumber: 0,
  objectId: 90512345679,
  changeFlag: "CREATED",
  changeSource: "IMPORT",
};
const PROPERTY_CHANGE = {
  eventId: 1860012347,
  subscriptionId: 2891035,
  portalId: 48211234,
  appId: 4021977,
  occurredAt: 1763800000789,
  subscriptionType: "contact.propertyChange",
  attemptNumber: 2,
  objectId: 90512345678,
  propertyName: "phone",
  propertyValue: "+919876543210",
  changeSource: "CRM_UI",
};

const EVENT_1: HubSpotEvent = {
  eventId: "1860012345",
  subscriptionId: "2891034",
  portalId: "48211234",
  appId: "4021977",
  occurredAt: 1763800000123,
  subscriptionType: "contact.creation",
  objectType: "contact",
  change: "creation",
  objectId: "90512345678",
  attemptNumber: 0,
  changeSource: "CRM_UI",
  changeFlag: "CREATED",
  sourceId: "userId:7712",
  propertyName: null,
  propertyValue: null,
};

describe("parseHubSpotEvents", () => {
  it("parses a batch of contact creations into typed events", () => {
    const result = parseHubSpotEvents(JSON.stringify([CREATED_1, CREATED_2]));
    expect(result).toEqual({
      ok: true,
      invalid: [],
      events: [
        EVENT_1,
        { ...EVENT_1, eventId: "1860012346", occurredAt: 1763800000456, objectId: "90512345679", changeSource: "IMPORT", sourceId: null },
      ],
    });
  });

  it("reads a property change with its name and value", () => {
    const result = parseHubSpotEvents(JSON.stringify([PROPERTY_CHANGE]));
    expect(result.ok && result.events[0]).toEqual({
      eventId: "1860012347",
      subscriptionId: "2891035",
      portalId: "48211234",
      appId: "4021977",
      occurredAt: 1763800000789,
      subscriptionType: "contact.propertyChange",
      objectType: "contact",
      change: "propertyChange",
      objectId: "90512345678",
      attemptNumber: 2,
      changeSource: "CRM_UI",
      changeFlag: null,
      sourceId: null,
      propertyName: "phone",
      propertyValue: "+919876543210",
    });
  });

  it("keeps ids as strings, accepting digit strings and ids beyond 2^53 written as strings", () => {
    const result = parseHubSpotEvents(
      JSON.stringify([
        { ...CREATED_1, eventId: "18446744073709551615", objectId: "90512345678", portalId: "48211234", occurredAt: "1763800000123" },
      ]),
    );
    expect(result.ok && [result.events[0]?.eventId, result.events[0]?.objectId, result.events[0]?.occurredAt]).toEqual([
      "18446744073709551615",
      "90512345678",
      1763800000123,
    ]);
  });

  it("defaults attemptNumber to 0 and accepts a single event object", () => {
    const { attemptNumber: _, ...withoutAttempt } = CREATED_1;
    expect(parseHubSpotEvents(JSON.stringify(withoutAttempt))).toEqual({ ok: true, invalid: [], events: [EVENT_1] });
  });

  it("reads generic object.* subscriptions for contacts", () => {
    const generic = { ...CREATED_1, subscriptionType: "object.creation", objectTypeId: "0-1" };
    const result = parseHubSpotEvents(JSON.stringify([generic]));
    expect(result.ok && result.events[0]).toMatchObject({ subscriptionType: "object.creation", objectType: "contact", change: "creation" });
  });

  it("parses a full batch of 100 events", () => {
    const batch = Array.from({ length: 100 }, (_, i) => ({ ...CREATED_1, eventId: 1860012345 + i, objectId: 90512345678 + i }));
    const result = parseHubSpotEvents(JSON.stringify(batch));
    expect(result.ok && [result.events.length, result.invalid.length, result.events[99]?.objectId]).toEqual([100, 0, "90512345777"]);
  });

  it("reports bad events one by one and keeps the rest", () => {
    const body = JSON.stringify([
      CREATED_1,
      { ...CREATED_2, objectId: "ninety" },
      "oops",
      { ...CREATED_2, eventId: 9, portalId: undefined },
      { ...CREATED_2, eventId: 10, objectId: undefined },
      { ...CREATED_2, eventId: 11, subscriptionType: "" },
      { ...CREATED_2, eventId: 12, attemptNumber: -1 },
    ]);
    expect(parseHubSpotEvents(body)).toEqual({
      ok: true,
      events: [EVENT_1],
      invalid: [
        { index: 1, eventId: "1860012346", message: "Event 2: objectId: objectId must be a number or a string of digits" },
        { index: 2, eventId: null, message: "Event 3 is not a JSON object" },
        { index: 3, eventId: "9", message: "Event 4: portalId: portalId must be a number or a string of digits" },
        { index: 4, eventId: "10", message: "Event 5: contact.creation has no objectId, so there is no contact to call" },
        { index: 5, eventId: "11", message: "Event 6: subscriptionType: subscriptionType must be text such as contact.creation" },
        { index: 6, eventId: "12", message: "Event 7: attemptNumber: attemptNumber must be a whole number, 0 or more" },
      ],
    });
  });

  it.each([
    { rule: "empty body", raw: "  ", kind: "empty", message: "The body is empty; HubSpot posts a JSON array of events." },
    { rule: "empty array", raw: "[]", kind: "empty", message: "The body is an empty JSON array: it has no events." },
    {
      rule: "object without eventId",
      raw: '{"results":[]}',
      kind: "malformed",
      message: "The JSON body is an object without eventId; HubSpot posts a JSON array of events.",
    },
    { rule: "a number", raw: "42", kind: "malformed", message: "The JSON body is number; HubSpot posts a JSON array of events." },
    { rule: "null", raw: "null", kind: "malformed", message: "The JSON body is null; HubSpot posts a JSON array of events." },
  ])("fails on $rule", ({ raw, kind, message }) => {
    expect(parseHubSpotEvents(raw)).toEqual({ ok: false, kind, message });
  });

  it("fails on broken JSON with the parser's detail", () => {
    const result = parseHubSpotEvents('[{"eventId": 1,]');
    expect(result.ok === false && result.kind).toBe("malformed");
    expect(result.ok === false && result.message).toMatch(/^The body is not valid JSON \(.+\); HubSpot posts a JSON array of events\.$/);
  });
});

describe("hubSpotEventAction: only a new contact starts a call", () => {
  const parse = (event: Record<string, unknown>) => {
    const result = parseHubSpotEvents(JSON.stringify([event]));
    if (!result.ok || !result.events[0]) throw new Error("fixture did not parse");
    return result.events[0];
  };
  it.each([
    { rule: "contact.creation", event: CREATED_1, action: { action: "call" } },
    {
      rule: "object.creation of a contact",
      event: { ...CREATED_1, subscriptionType: "object.creation", objectTypeId: "0-1" },
      action: { action: "call" },
    },
    {
      rule: "contact.propertyChange",
      event: PROPERTY_CHANGE,
      action: { action: "ignore", reason: "contact.propertyChange events do not start calls; only contact.creation does" },
    },
    {
      rule: "contact.deletion",
      event: { ...CREATED_1, subscriptionType: "contact.deletion" },
      action: { action: "ignore", reason: "contact.deletion events do not start calls; only contact.creation does" },
    },
    {
      rule: "contact.merge",
      event: { ...CREATED_1, subscriptionType: "contact.merge", primaryObjectId: 1, mergedObjectIds: [2] },
      action: { action: "ignore", reason: "contact.merge events do not start calls; only contact.creation does" },
    },
    {
      rule: "company.creation",
      event: { ...CREATED_1, subscriptionType: "company.creation" },
      action: { action: "ignore", reason: "company.creation is about a company; only new contacts are called" },
    },
    {
      rule: "object.creation of a deal",
      event: { ...CREATED_1, subscriptionType: "object.creation", objectTypeId: "0-3" },
      action: { action: "ignore", reason: "object.creation is about a deal; only new contacts are called" },
    },
    {
      rule: "object.creation of an unknown type",
      event: { ...CREATED_1, subscriptionType: "object.creation" },
      action: { action: "ignore", reason: "object.creation is about a non-contact object; only new contacts are called" },
    },
  ])("$rule", ({ event, action }) => {
    expect(hubSpotEventAction(parse(event))).toEqual(action);
  });
});
