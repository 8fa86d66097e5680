import { describe, expect, it } from "vitest";
import { hubSpotConfigError, respondToHubSpot } from "./respond";

describe("respondToHubSpot answers 200 once every event is settled", () => {
  it("summarises a mixed batch", async () => {
    const response = respondToHubSpot({
      deliveryId: "dlv_9",
      leads: [
        { status: "accepted", crmId: "90512345678", eventId: "1860012345", callId: "call_1", firstAttemptAt: "2026-11-22T04:30:00.000Z" },
        { status: "duplicate", crmId: "90512345679", eventId: "1860012346", callId: "call_0" },
        {
          status: "rejected",
          crmId: "90512345680",
          eventId: "1860012347",
          reason: "phone is empty on this lead; map another field or set a default",
        },
        {
          status: "ignored",
          crmId: "90512345678",
          eventId: "1860012348",
          reason: "contact.deletion events do not start calls; only contact.creation does",
        },
      ],
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      deliveryId: "dlv_9",
      received: 4,
      accepted: 1,
      duplicate: 1,
      rejected: 1,
      ignored: 1,
      results: [
        { crmId: "90512345678", eventId: "1860012345", status: "accepted", callId: "call_1", firstAttemptAt: "2026-11-22T04:30:00.000Z" },
        { crmId: "90512345679", eventId: "1860012346", status: "duplicate", callId: "call_0" },
        {
          crmId: "90512345680",
          eventId: "1860012347",
          status: "rejected",
          reason: "phone is empty on this lead; map another field or set a default",
        },
        {
          crmId: "90512345678",
          eventId: "1860012348",
          status: "ignored",
          reason: "contact.deletion events do not start calls; only contact.creation does",
        },
      ],
    });
  });

  it("answers an all-rejected batch with 200 too: a retry would not fix the data", async () => {
    const response = respondToHubSpot({
      deliveryId: "dlv_10",
      leads: [{ status: "rejected", crmId: null, eventId: "7", reason: "Event 1 is not a JSON object" }],
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ received: 1, accepted: 0, rejected: 1 });
  });
});

describe("hubSpotConfigError", () => {
  it.each([
    { status: 400, answered: 400 },
    { status: 401, answered: 401 },
    { status: 403, answered: 403 },
    { status: 404, answered: 404 },
    { status: 405, answered: 405 },
    { status: 413, answered: 400 },
    { status: 415, answered: 400 },
    { status: 422, answered: 400 },
    { status: 429, answered: 429 },
    { status: 503, answered: 503 },
  ])("$status is answered as $answered", async ({ status, answered }) => {
    const response = hubSpotConfigError(status, "some_code", "Some message.");
    expect(response.status).toBe(answered);
    expect(await response.json()).toEqual({ error: { code: "some_code", message: "Some message." } });
  });

  it("carries details", async () => {
    const details = [{ field: "agent_id", message: "no agent agt_x in this organisation" }];
    const response = hubSpotConfigError(404, "unknown_agent", "No agent agt_x.", details);
    expect(await response.json()).toEqual({ error: { code: "unknown_agent", message: "No agent agt_x.", details } });
  });
});
