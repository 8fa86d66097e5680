import { describe, expect, it } from "vitest";
import { CALL_CONTENT_LIMITS } from "./content";
import { ProviderWebhookError } from "./port";
import { parseVapiStatusWebhook } from "./vapi-webhook";

const SECRET = "whsec_agent_one";
const CREDENTIALS = { apiKey: "vapi-key", webhookSecret: SECRET };

const END_OF_CALL_REPORT = {
  message: {
    type: "end-of-call-report",
    endedReason: "customer-did-not-answer",
    startedAt: "2026-11-22T04:30:01.000Z",
    endedAt: "2026-11-22T04:30:31.000Z",
    timestamp: 1795321832000,
    cost: 0.02,
    call: { id: "019a9046-121e-766d-bd1f-84f3ccc309c1", type: "outboundPhoneCall", status: "ended", customer: { number: "+919876543210" } },
    artifact: { transcript: "", messages: [], recordingUrl: null },
    analysis: { summary: null, successEvaluation: null },
  },
};

function webhook(body: unknown, headers: Record<string, string> = { "x-vapi-secret": SECRET }) {
  const rawBody = typeof body === "string" ? body : JSON.stringify(body);
  return { headers: new Headers(headers), rawBody, url: new URL("http://127.0.0.1/api/call/status/vapi") };
}

function webhookError(run: () => unknown): ProviderWebhookError {
  try {
    run();
  } catch (err) {
    if (err instanceof ProviderWebhookError) return err;
    throw err;
  }
  throw new Error("expected a ProviderWebhookError");
}

describe("parseVapiStatusWebhook", () => {
  it("turns a genuine end-of-call-report into a CallReport", () => {
    expect(parseVapiStatusWebhook(webhook(END_OF_CALL_REPORT), CREDENTIALS)).toEqual({
      providerCallId: "019a9046-121e-766d-bd1f-84f3ccc309c1",
      outcome: "no_answer",
      detail: "customer-did-not-answer",
      endedAt: new Date("2026-11-22T04:30:31.000Z"),
      retryable: true,
    });
  });

  it("reads back the attempt id we sent in the call's variables, and ignores variables it cannot read", () => {
    const withAttempt = {
      message: { ...END_OF_CALL_REPORT.message, artifact: { variableValues: { leadline_attempt_id: "att_x_1", name: "Asha" } } },
    };
    expect(parseVapiStatusWebhook(webhook(withAttempt), CREDENTIALS)?.attemptId).toBe("att_x_1");
    const odd = { message: { ...END_OF_CALL_REPORT.message, artifact: { variableValues: "not an object" } } };
    expect(parseVapiStatusWebhook(webhook(odd), CREDENTIALS)).toMatchObject({ outcome: "no_answer", attemptId: undefined });
  });

  describe("the call's content", () => {
    const answered = (artifact: object, analysis: object) =>
      webhook({ message: { ...END_OF_CALL_REPORT.message, endedReason: "customer-ended-call", artifact, analysis } });

    it("replaces a NUL (which Postgres refuses in text) in the summary, transcript and ended reason", () => {
      const report = parseVapiStatusWebhook(
        webhook({
          message: {
            ...END_OF_CALL_REPORT.message,
            endedReason: "customer-ended-call\u0000",
            artifact: { transcript: "AI: Hello\u0000 Asha." },
            analysis: { summary: "Asked\u0000 for a callback." },
          },
        }),
        CREDENTIALS,
      );
      expect(report).toMatchObject({
        detail: "customer-ended-call\uFFFD",
        summary: "Asked\uFFFD for a callback.",
        transcript: "AI: Hello\uFFFD Asha.",
      });
    });

    it("carries the summary, transcript and recording link when Vapi gives them", () => {
      const report = parseVapiStatusWebhook(
        answered(
          {
            transcript: "AI: Hello Asha.\nUser: Hi, call me tomorrow.\n",
            recordingUrl: "https://storage.vapi.ai/019a9046-mono.wav",
            variableValues: { leadline_attempt_id: "att_x_1" },
          },
          { summary: "  Asha asked for a callback tomorrow. ", successEvaluation: "true" },
        ),
        CREDENTIALS,
      );
      expect(report).toMatchObject({
        attemptId: "att_x_1",
        outcome: "completed",
        summary: "Asha asked for a callback tomorrow.",
        transcript: "AI: Hello Asha.\nUser: Hi, call me tomorrow.",
        recordingUrl: "https://storage.vapi.ai/019a9046-mono.wav",
      });
    });

    it("has none of them when Vapi's are empty, null, missing or of the wrong type, and keeps the attempt id", () => {
      expect(parseVapiStatusWebhook(webhook(END_OF_CALL_REPORT), CREDENTIALS)).not.toHaveProperty("transcript");
      const missing = parseVapiStatusWebhook(
        webhook({ message: { ...END_OF_CALL_REPORT.message, artifact: undefined, analysis: undefined } }),
        CREDENTIALS,
      );
      const odd = parseVapiStatusWebhook(
        answered({ transcript: 42, recordingUrl: { mono: "x" }, variableValues: { leadline_attempt_id: "att_x_2" } }, { summary: ["no"] }),
        CREDENTIALS,
      );
      for (const report of [missing, odd]) {
        expect(report).not.toHaveProperty("summary");
        expect(report).not.toHaveProperty("transcript");
        expect(report).not.toHaveProperty("recordingUrl");
      }
      expect(odd).toMatchObject({ outcome: "completed", attemptId: "att_x_2" });
    });

    it("cuts an oversized summary and transcript to the stored limits, saying so, and leaves out a link it cannot show", () => {
      const transcript = "User: é".repeat(20_000);
      const report = parseVapiStatusWebhook(
        answered({ transcript, recordingUrl: `https://storage.vapi.ai/${"a".repeat(3_000)}.wav` }, { summary: "s".repeat(10_000) }),
        CREDENTIALS,
      )!;
      expect(report.transcript).toHaveLength(CALL_CONTENT_LIMITS.transcript);
      expect(report.transcript!.endsWith("…[cut: 140,000 characters in all]")).toBe(true);
      expect(transcript.startsWith(report.transcript!.split("…[cut")[0]!)).toBe(true);
      expect(report.summary).toHaveLength(CALL_CONTENT_LIMITS.summary);
      expect(report).not.toHaveProperty("recordingUrl");
      for (const link of ["javascript:alert(1)", "data:text/html,<b>x</b>", "not a url"]) {
        expect(parseVapiStatusWebhook(answered({ recordingUrl: link }, {}), CREDENTIALS)).not.toHaveProperty("recordingUrl");
      }
    });
  });

  it("accepts the secret as a bearer token, as a Vapi bearer credential sends it", () => {
    const report = parseVapiStatusWebhook(webhook(END_OF_CALL_REPORT, { authorization: `Bearer ${SECRET}` }), CREDENTIALS);
    expect(report?.providerCallId).toBe("019a9046-121e-766d-bd1f-84f3ccc309c1");
  });

  it.each<{ rule: string; headers: Record<string, string> }>([
    { rule: "no secret at all", headers: {} },
    { rule: "a wrong X-Vapi-Secret", headers: { "x-vapi-secret": "whsec_agent_two" } },
    { rule: "the secret with a suffix", headers: { "x-vapi-secret": `${SECRET}x` } },
    { rule: "a wrong bearer token", headers: { authorization: "Bearer whsec_agent_two" } },
    { rule: "the secret under a non-bearer scheme", headers: { authorization: `Basic ${SECRET}` } },
  ])("rejects $rule with 401", ({ headers }) => {
    expect(webhookError(() => parseVapiStatusWebhook(webhook(END_OF_CALL_REPORT, headers), CREDENTIALS)).status).toBe(401);
  });

  it("checks the secret before looking at the body", () => {
    expect(webhookError(() => parseVapiStatusWebhook(webhook("{not json", {}), CREDENTIALS)).status).toBe(401);
  });

  it.each([
    { type: "status-update", extra: { status: "ringing" } },
    { type: "status-update", extra: { status: "ended", endedReason: "customer-did-not-answer" } },
    { type: "conversation-update", extra: {} },
    { type: "hang", extra: {} },
  ])("returns null for a genuine $type $extra", ({ type, extra }) => {
    const message = { message: { type, ...extra, call: { id: "call-1" }, timestamp: 1795321832000 } };
    expect(parseVapiStatusWebhook(webhook(message), CREDENTIALS)).toBeNull();
  });

  it.each([
    { rule: "invalid JSON", body: "{not json" },
    { rule: "no message", body: { type: "end-of-call-report" } },
    { rule: "no message.type", body: { message: { endedReason: "customer-busy" } } },
    { rule: "a report without call.id", body: { message: { ...END_OF_CALL_REPORT.message, call: {} } } },
    { rule: "a report without endedReason", body: { message: { ...END_OF_CALL_REPORT.message, endedReason: undefined } } },
    { rule: "a report whose endedReason is a number", body: { message: { ...END_OF_CALL_REPORT.message, endedReason: 3 } } },
  ])("rejects $rule with 400", ({ body }) => {
    expect(webhookError(() => parseVapiStatusWebhook(webhook(body), CREDENTIALS)).status).toBe(400);
  });

  it("falls back to the message timestamp when endedAt is missing", () => {
    const body = { message: { ...END_OF_CALL_REPORT.message, endedAt: undefined, timestamp: 1795321832000 } };
    expect(parseVapiStatusWebhook(webhook(body), CREDENTIALS)?.endedAt).toEqual(new Date(1795321832000));
  });

  it("keeps an unknown endedReason as the detail and reads it as a retryable failure", () => {
    const body = { message: { ...END_OF_CALL_REPORT.message, endedReason: "hangup" } };
    expect(parseVapiStatusWebhook(webhook(body), CREDENTIALS)).toMatchObject({ outcome: "failed", detail: "hangup", retryable: true });
  });

  it("refuses to verify without a configured secret, and does not call that a forged request", () => {
    const run = () => parseVapiStatusWebhook(webhook(END_OF_CALL_REPORT), { apiKey: "vapi-key" });
    expect(run).toThrow("no webhookSecret");
    expect(run).not.toThrow(ProviderWebhookError);
  });
});
