import { describe, expect, it } from "vitest";
import type { DeliveryOutcome } from "@/lib/webhook/outcome";
import { leadSquaredConfigError, respondToLeadSquared } from "./respond";

const A = "a311900c-0e56-4601-b580-f931645e7b32";
const B = "5d2f1c1e-1111-4c4c-9a9a-000000000002";

async function answer(response: Response) {
  return { status: response.status, type: response.headers.get("content-type"), body: await response.json() };
}

describe("respondToLeadSquared always answers 200 with LeadSquared's Status", () => {
  it.each<{ rule: string; outcome: DeliveryOutcome; body: unknown }>([
    {
      rule: "one lead scheduled",
      outcome: {
        deliveryId: "dlv_1",
        leads: [{ status: "accepted", crmId: A, callId: "call_1", firstAttemptAt: "2026-11-22T04:30:00.000Z" }],
      },
      body: {
        Status: "Success",
        StatusReason: "Call scheduled for 2026-11-22T04:30:00.000Z",
        deliveryId: "dlv_1",
        results: [{ crmId: A, status: "accepted", callId: "call_1", firstAttemptAt: "2026-11-22T04:30:00.000Z" }],
      },
    },
    {
      rule: "a LeadSquared retry of a lead already received",
      outcome: { deliveryId: "dlv_2", leads: [{ status: "duplicate", crmId: A, callId: "call_1" }] },
      body: {
        Status: "Success",
        StatusReason: "Already received; no new call",
        deliveryId: "dlv_2",
        results: [{ crmId: A, status: "duplicate", callId: "call_1" }],
      },
    },
    {
      rule: "bulk: scheduled and duplicate",
      outcome: {
        deliveryId: "dlv_3",
        leads: [
          { status: "accepted", crmId: A, callId: "call_1", firstAttemptAt: "2026-11-22T04:30:00.000Z" },
          { status: "duplicate", crmId: B, callId: "call_0" },
        ],
      },
      body: {
        Status: "Success",
        StatusReason: "1 scheduled, 1 already received",
        deliveryId: "dlv_3",
        results: [
          { crmId: A, status: "accepted", callId: "call_1", firstAttemptAt: "2026-11-22T04:30:00.000Z" },
          { crmId: B, status: "duplicate", callId: "call_0" },
        ],
      },
    },
    {
      rule: "one lead rejected for its data",
      outcome: {
        deliveryId: "dlv_4",
        leads: [{ status: "rejected", crmId: A, reason: "Phone is empty on this lead; map another field or set a default" }],
      },
      body: {
        Status: "Error",
        StatusReason: "Phone is empty on this lead; map another field or set a default",
        deliveryId: "dlv_4",
        results: [{ crmId: A, status: "rejected", reason: "Phone is empty on this lead; map another field or set a default" }],
      },
    },
    {
      rule: "bulk with one rejection lists it per lead",
      outcome: {
        deliveryId: "dlv_5",
        leads: [
          { status: "accepted", crmId: A, callId: "call_1", firstAttemptAt: "2026-11-22T04:30:00.000Z" },
          { status: "rejected", crmId: null, reason: "The body has no ProspectID" },
          { status: "rejected", crmId: B, reason: 'Phone: "98765" has too few digits for a +91 number' },
        ],
      },
      body: {
        Status: "Error",
        StatusReason:
          '2 of 3 leads rejected. lead 2: The body has no ProspectID; lead 5d2f1c1e-1111-4c4c-9a9a-000000000002: Phone: "98765" has too few digits for a +91 number',
        deliveryId: "dlv_5",
        results: [
          { crmId: A, status: "accepted", callId: "call_1", firstAttemptAt: "2026-11-22T04:30:00.000Z" },
          { crmId: null, status: "rejected", reason: "The body has no ProspectID" },
          { crmId: B, status: "rejected", reason: 'Phone: "98765" has too few digits for a +91 number' },
        ],
      },
    },
    {
      rule: "no leads",
      outcome: { deliveryId: "dlv_6", leads: [] },
      body: { Status: "Error", StatusReason: "The body carried no leads", deliveryId: "dlv_6", results: [] },
    },
    {
      rule: "ignored event",
      outcome: { deliveryId: "dlv_7", leads: [{ status: "ignored", crmId: A, reason: "Lead_Delete events do not start calls" }] },
      body: {
        Status: "Success",
        StatusReason: "Lead_Delete events do not start calls",
        deliveryId: "dlv_7",
        results: [{ crmId: A, status: "ignored", reason: "Lead_Delete events do not start calls" }],
      },
    },
  ])("$rule", async ({ outcome, body }) => {
    expect(await answer(respondToLeadSquared(outcome))).toEqual({ status: 200, type: "application/json", body });
  });

  it("keeps StatusReason readable for large batches", async () => {
    const leads = Array.from({ length: 100 }, (_, i) => ({
      status: "rejected" as const,
      crmId: `lead-${i}`,
      reason: "Phone is empty on this lead; map another field or set a default",
    }));
    const { body } = await answer(respondToLeadSquared({ deliveryId: "dlv_8", leads }));
    expect(body.StatusReason).toHaveLength(1000);
    expect(body.StatusReason.startsWith("100 of 100 leads rejected. lead lead-0: Phone is empty")).toBe(true);
    expect(body.StatusReason.endsWith("…")).toBe(true);
    expect(body.results).toHaveLength(100);
  });
});

describe("leadSquaredConfigError", () => {
  it("keeps the status and speaks both error shapes", async () => {
    const response = leadSquaredConfigError(
      401,
      "invalid_api_key",
      "The API key is missing or revoked; copy a key from Settings → API keys.",
    );
    expect(await answer(response)).toEqual({
      status: 401,
      type: "application/json",
      body: {
        Status: "Error",
        StatusReason: "The API key is missing or revoked; copy a key from Settings → API keys.",
        error: { code: "invalid_api_key", message: "The API key is missing or revoked; copy a key from Settings → API keys." },
      },
    });
  });

  it("carries details", async () => {
    const details = [{ field: "gap_between_retries", message: "give 3 gaps for 3 retries" }];
    const { status, body } = await answer(
      leadSquaredConfigError(400, "invalid_parameter", "gap_between_retries: give 3 gaps for 3 retries", details),
    );
    expect(status).toBe(400);
    expect(body.error).toEqual({ code: "invalid_parameter", message: "gap_between_retries: give 3 gaps for 3 retries", details });
    expect(body.Status).toBe("Error");
  });
});
