import { describe, expect, it } from "vitest";
import { readSampleLead } from "./sample-lead";

describe("readSampleLead", () => {
  it("reads a JSON lead, the first of an array, and key=value pairs", () => {
    expect(readSampleLead('{"FirstName":"Asha","Phone":"98765"}')).toEqual({ kind: "lead", fields: { FirstName: "Asha", Phone: "98765" } });
    expect(readSampleLead('[{"FirstName":"A"},{"FirstName":"B"}]')).toEqual({ kind: "lead", fields: { FirstName: "A" } });
    expect(readSampleLead("FirstName=Asha&Phone=98765")).toEqual({ kind: "lead", fields: { FirstName: "Asha", Phone: "98765" } });
  });

  it("recognises a HubSpot webhook body by its event, naming the contact", () => {
    const body = JSON.stringify([{ eventId: 1, portalId: 2, subscriptionType: "contact.creation", objectId: 90512345678, occurredAt: 1 }]);
    expect(readSampleLead(body)).toEqual({ kind: "hubspot_contact", contactId: "90512345678" });
  });

  it("explains what cannot be read", () => {
    expect(readSampleLead("  ")).toMatchObject({ kind: "unreadable", message: expect.stringMatching(/Paste a sample lead/) });
    expect(readSampleLead('{"FirstName": ')).toMatchObject({ kind: "unreadable", message: expect.stringMatching(/not valid JSON/) });
    expect(readSampleLead("[]")).toMatchObject({ kind: "unreadable" });
  });
});
