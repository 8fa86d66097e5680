import { describe, expect, it } from "vitest";
import { replayAdvice } from "@/lib/deliveries/replay-advice";

const advice = (status: string, errorCode: string | null = null) => replayAdvice({ status, errorCode, crmName: "LeadSquared" });

describe("replayAdvice", () => {
  it.each(["rejected", "partial"])("offers Replay for a %s delivery: a fixed mapping can change its leads' fate", (status) =>
    expect(advice(status)).toEqual({ replay: true }),
  );

  it.each(["accepted", "duplicate", "ignored"])("says nothing for a %s delivery: there is nothing to fix", (status) =>
    expect(advice(status)).toBeNull(),
  );

  it.each(["invalid_parameter", "invalid_type", "missing_agent_id", "unknown_agent"])(
    "refuses Replay for %s and names the URL in the CRM as the fix",
    (code) => expect(advice("error", code)).toEqual({ replay: false, why: expect.stringContaining("webhook URL saved in LeadSquared") }),
  );

  it.each(["missing_api_key", "invalid_api_key", "revoked_api_key"])("refuses Replay for %s and points at the CRM's key", (code) =>
    expect(advice("error", code)).toEqual({ replay: false, why: expect.stringContaining("valid API key") }),
  );

  it.each(["invalid_json", "invalid_body", "unsupported_media_type"])("refuses Replay for %s: the same body would fail again", (code) =>
    expect(advice("error", code)).toEqual({ replay: false, why: expect.stringContaining("LeadSquared sent this body") }),
  );

  it("refuses Replay for a body too large to have been kept", () =>
    expect(advice("error", "body_too_large")).toEqual({ replay: false, why: expect.stringContaining("cannot be replayed") }));

  it("offers Replay for an error Leadline's side can clear, such as a HubSpot contact not found yet", () =>
    expect(advice("error", "unknown_contact")).toEqual({ replay: true }));
});
