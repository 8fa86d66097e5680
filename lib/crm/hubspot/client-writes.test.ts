import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeHubSpot, FAKE_HUBSPOT_CONTACTS, type FakeHubSpot } from "@/e2e/support/fakes/hubspot";
import { createHubSpotClient, HUBSPOT_CALL_DISPOSITIONS } from "./client";
import { crmFailure } from "@/lib/http/crm-failure.test-support";

let fake: FakeHubSpot;
beforeEach(async () => {
  fake = createFakeHubSpot();
  await fake.start();
});
afterEach(() => fake.stop());

const client = () => createHubSpotClient({ baseUrl: fake.baseUrl, token: fake.token, timeoutMs: 2_000 });
const CONTACT = FAKE_HUBSPOT_CONTACTS[0]!.id;
const engagement = {
  contactId: CONTACT,
  at: new Date("2026-11-22T04:30:00.000Z"),
  title: "AI call – attempt 2",
  body: "Interested; callback tomorrow 11:00",
  durationMs: 95_000,
};

describe("createCallEngagement", () => {
  it("posts the call's properties and its association to the contact (type 194) with the bearer token", async () => {
    const { id } = await client().createCallEngagement({
      ...engagement,
      disposition: HUBSPOT_CALL_DISPOSITIONS.connected,
      status: "COMPLETED",
      toNumber: "+919876543210",
      recordingUrl: "https://recordings.example.com/c1.mp3",
    });
    const request = fake.requests[0]!;
    expect([request.method, request.path, request.headers.authorization]).toEqual([
      "POST",
      "/crm/v3/objects/calls",
      `Bearer ${fake.token}`,
    ]);
    expect(request.body).toEqual({
      properties: {
        hs_timestamp: "2026-11-22T04:30:00.000Z",
        hs_call_title: "AI call – attempt 2",
        hs_call_body: "Interested; callback tomorrow 11:00",
        hs_call_direction: "OUTBOUND",
        hs_call_duration: "95000",
        hs_call_disposition: "f240bbac-87c9-4f6e-bf70-924b57d47db7",
        hs_call_status: "COMPLETED",
        hs_call_to_number: "+919876543210",
        hs_call_recording_url: "https://recordings.example.com/c1.mp3",
      },
      associations: [{ to: { id: CONTACT }, types: [{ associationCategory: "HUBSPOT_DEFINED", associationTypeId: 194 }] }],
    });
    expect(fake.calls.map((c) => [c.id, c.contactId, c.properties.hs_call_duration])).toEqual([[id, CONTACT, "95000"]]);
  });

  it("leaves out what the provider did not give", async () => {
    await client().createCallEngagement(engagement);
    expect(Object.keys((fake.requests[0]!.body as { properties: object }).properties)).toEqual([
      "hs_timestamp",
      "hs_call_title",
      "hs_call_body",
      "hs_call_direction",
      "hs_call_duration",
    ]);
  });

  it("a contact HubSpot does not have: rejected with HubSpot's message", async () => {
    const err = await crmFailure(client().createCallEngagement({ ...engagement, contactId: "404404" }));
    expect([err.kind, err.status, err.message]).toEqual([
      "rejected",
      400,
      "HubSpot refused the request (HTTP 400). HubSpot said: “Could not associate: contact 404404 does not exist.”",
    ]);
    expect(fake.calls).toEqual([]);
  });

  it("a token without the write scope: rejected naming the scope", async () => {
    fake.setScopes(["crm.objects.contacts.read", "crm.schemas.contacts.read"]);
    const err = await crmFailure(client().createCallEngagement(engagement));
    expect([err.kind, err.status]).toEqual(["rejected", 403]);
    expect(err.message).toContain("It needs crm.objects.contacts.write");
  });

  it("400, 401, 429 and 500 on demand", async () => {
    for (const mode of ["400", "401", "429", "500"] as const) fake.failNext(1, mode);
    const seen = [];
    for (let i = 0; i < 4; i++) {
      const err = await crmFailure(client().createCallEngagement(engagement));
      seen.push([err.kind, err.status, err.transient, err.retryAfterMs]);
    }
    expect(seen).toEqual([
      ["rejected", 400, false, undefined],
      ["unauthorized", 401, false, undefined],
      ["rate_limited", 429, true, 10_000],
      ["bad_response", 500, true, undefined],
    ]);
    expect(fake.calls).toEqual([]);
  });
});
