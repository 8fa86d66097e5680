import { createHmac } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ProviderError, ProviderWebhookError, type StartCallRequest } from "./port";
import { createSimulator, SIMULATED_SUMMARY, simulatedOutcome } from "./simulator";
import { startStatusReceiver } from "./status-receiver.test-support";

const SECRET = "sim-secret-0123456789";
const DELAY_MS = 40;

function request(overrides: Partial<StartCallRequest> & { statusUrl: string }): StartCallRequest {
  return { attemptId: "att_1", attempt: 1, to: "+919876543210", settings: {}, credentials: {}, variables: { name: "Asha" }, ...overrides };
}

function hmac(secret: string, body: string) {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("simulator against a local status receiver", () => {
  const simulator = createSimulator({ delayMs: DELAY_MS, secret: SECRET, retryDelayMs: 10 });
  let receiver: Awaited<ReturnType<typeof startStatusReceiver>>;

  beforeEach(async () => {
    receiver = await startStatusReceiver((webhook) => simulator.parseStatusWebhook(webhook, { webhookSecret: SECRET }));
  });
  afterEach(() => receiver.stop());

  it.each([
    { to: "+919876540000", outcome: "no_answer", retryable: true },
    { to: "+919876540001", outcome: "busy", retryable: true },
    { to: "+919876540002", outcome: "failed", retryable: true },
    { to: "+919876540003", outcome: "voicemail", retryable: true },
    { to: "+919876543210", outcome: "completed", retryable: false },
    { to: "+14155550009", outcome: "completed", retryable: false },
  ])("reports $outcome for $to after the delay, signed", async ({ to, outcome, retryable }) => {
    const startedAt = Date.now();
    const { providerCallId } = await simulator.startCall(request({ attemptId: `att_${to}`, to, statusUrl: receiver.url }));
    expect(providerCallId).toMatch(/^sim_[0-9a-z]{20}$/);
    expect(receiver.received).toHaveLength(0);

    await receiver.waitFor(1);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(DELAY_MS - 5);
    const [post] = receiver.received;
    expect(post!.headers.get("content-type")).toBe("application/json");
    // It reads only the answer's status, so it asks for no compressed body (a gzip each way per report, otherwise).
    expect(post!.headers.get("accept-encoding")).toBe("identity");
    expect(post!.headers.get("x-leadline-signature")).toBe(hmac(SECRET, post!.rawBody));
    expect(JSON.parse(post!.rawBody)).toMatchObject({ type: "call.ended", callId: providerCallId, attemptId: `att_${to}`, outcome });
    expect(post!.status).toBe(200);
    expect(post!.report).toMatchObject({ providerCallId, outcome, retryable });
    expect(Math.abs(post!.report!.endedAt.getTime() - Date.now())).toBeLessThan(2_000);
  });

  it("reports a summary, transcript and recording link for an answered call, and none for an unanswered one", async () => {
    const answered = await simulator.startCall(request({ attemptId: "att_talk", statusUrl: receiver.url }));
    await simulator.startCall(request({ attemptId: "att_silent", to: "+919876540000", statusUrl: receiver.url }));
    await receiver.waitFor(2);
    const reports = new Map(receiver.received.map((post) => [post.report!.attemptId, post.report!]));
    expect(reports.get("att_talk")).toMatchObject({
      summary: SIMULATED_SUMMARY,
      transcript: expect.stringMatching(/^AI: Hello Asha, .*\nUser: /s),
      recordingUrl: `https://recordings.simulator.invalid/${answered.providerCallId}.wav`,
    });
    expect(Object.keys(reports.get("att_silent")!).sort()).toEqual([
      "attemptId",
      "detail",
      "endedAt",
      "outcome",
      "providerCallId",
      "retryable",
    ]);
  });

  it("returns the same call id for a repeated attempt id and reports only once", async () => {
    const first = await simulator.startCall(request({ attemptId: "att_same", statusUrl: receiver.url }));
    const second = await simulator.startCall(request({ attemptId: "att_same", statusUrl: receiver.url }));
    const other = await simulator.startCall(request({ attemptId: "att_other", statusUrl: receiver.url }));
    expect(second.providerCallId).toBe(first.providerCallId);
    expect(other.providerCallId).not.toBe(first.providerCallId);

    await receiver.waitFor(2);
    await sleep(DELAY_MS * 3);
    const callIds = receiver.received.map((post) => post.report?.providerCallId).sort();
    expect(callIds).toEqual([first.providerCallId, other.providerCallId].sort());
  });

  it("forgets the oldest attempt ids beyond its bound", async () => {
    const small = createSimulator({ delayMs: 60_000, secret: SECRET, rememberAttempts: 2 });
    const a = await small.startCall(request({ attemptId: "att_a", statusUrl: receiver.url }));
    await small.startCall(request({ attemptId: "att_b", statusUrl: receiver.url }));
    expect((await small.startCall(request({ attemptId: "att_a", statusUrl: receiver.url }))).providerCallId).toBe(a.providerCallId);
    await small.startCall(request({ attemptId: "att_c", statusUrl: receiver.url }));
    expect((await small.startCall(request({ attemptId: "att_a", statusUrl: receiver.url }))).providerCallId).not.toBe(a.providerCallId);
  });

  it("posts the same report again after a 5xx, up to three tries", async () => {
    receiver.answerNext(503, 502);
    const { providerCallId } = await simulator.startCall(request({ attemptId: "att_retry", statusUrl: receiver.url }));
    await receiver.waitFor(3);
    expect(receiver.received.map((post) => post.status)).toEqual([503, 502, 200]);
    expect(new Set(receiver.received.map((post) => post.rawBody)).size).toBe(1);
    expect(receiver.received[2]!.report?.providerCallId).toBe(providerCallId);
  });

  it("gives up after three failed tries", async () => {
    receiver.answerNext(500, 500, 500, 500);
    await simulator.startCall(request({ attemptId: "att_down", statusUrl: receiver.url }));
    await receiver.waitFor(3);
    await sleep(DELAY_MS + 100);
    expect(receiver.received.map((post) => post.status)).toEqual([500, 500, 500]);
  });

  it("does not re-post a report the receiver refused", async () => {
    receiver.answerNext(400);
    await simulator.startCall(request({ attemptId: "att_refused", statusUrl: receiver.url }));
    await receiver.waitFor(1);
    await sleep(100);
    expect(receiver.received.map((post) => post.status)).toEqual([400]);
  });

  it("reports signed with its own secret, which a receiver holding another secret rejects with 401", async () => {
    const stranger = createSimulator({ delayMs: DELAY_MS, secret: "someone-else", retryDelayMs: 10 });
    await stranger.startCall(request({ attemptId: "att_forged", statusUrl: receiver.url }));
    await receiver.waitFor(1);
    await sleep(100);
    expect(receiver.received.map((post) => post.status)).toEqual([401]);
  });
});

describe("simulator startCall", () => {
  it("refuses a number that is not E.164, as a real provider would", async () => {
    const simulator = createSimulator({ delayMs: 10, secret: SECRET });
    const error = await simulator.startCall(request({ to: "9876543210", statusUrl: "http://127.0.0.1:1/" })).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ transient: false, status: 400 });
  });

  it.each([
    { to: "+91 98765 40000", attempt: 1, outcome: "no_answer" },
    { to: "+91 98765 40000", attempt: 3, outcome: "no_answer" },
    { to: "+1 (415) 555-0001", attempt: 1, outcome: "busy" },
    { to: "+10000000010", attempt: 1, outcome: "completed" },
    { to: "+919876540004", attempt: 1, outcome: "no_answer" },
    { to: "+919876540004", attempt: 2, outcome: "completed" },
    { to: "+919876540004", attempt: 4, outcome: "completed" },
  ])("picks the outcome of attempt $attempt from the last four digits of $to", ({ to, attempt, outcome }) => {
    expect(simulatedOutcome(to, attempt)).toBe(outcome);
  });
});

describe("simulator parseStatusWebhook", () => {
  const simulator = createSimulator({ delayMs: 10, secret: SECRET });
  const report = JSON.stringify({
    type: "call.ended",
    callId: "sim_abc",
    attemptId: "att_1",
    outcome: "busy",
    detail: "simulated: line busy",
    retryable: true,
    endedAt: "2026-11-22T04:30:31.000Z",
  });
  const parse = (rawBody: string, signature: string | null, secret = SECRET) =>
    simulator.parseStatusWebhook(
      { headers: new Headers(signature === null ? {} : { "x-leadline-signature": signature }), rawBody, url: new URL("http://127.0.0.1/") },
      { webhookSecret: secret },
    );
  const statusOf = (run: () => unknown) => {
    try {
      run();
    } catch (err) {
      if (err instanceof ProviderWebhookError) return err.status;
      throw err;
    }
    return "no error";
  };

  it("returns the report when the signature matches", () => {
    expect(parse(report, hmac(SECRET, report))).toEqual({
      providerCallId: "sim_abc",
      attemptId: "att_1",
      outcome: "busy",
      detail: "simulated: line busy",
      endedAt: new Date("2026-11-22T04:30:31.000Z"),
      retryable: true,
    });
  });

  it.each([
    { rule: "a missing signature", body: report, signature: null },
    { rule: "a signature of another secret", body: report, signature: hmac("other", report) },
    { rule: "a tampered body", body: report.replace("busy", "completed"), signature: hmac(SECRET, report) },
    { rule: "a bare hex digest", body: report, signature: hmac(SECRET, report).slice("sha256=".length) },
    { rule: "an empty signature", body: report, signature: "" },
  ])("rejects $rule with 401", ({ body, signature }) => {
    expect(statusOf(() => parse(body, signature))).toBe(401);
  });

  it.each([
    { rule: "invalid JSON", body: "{nope" },
    { rule: "no type", body: JSON.stringify({ callId: "sim_abc" }) },
    { rule: "an unknown outcome", body: report.replace('"busy"', '"hung_up"') },
    { rule: "a missing callId", body: JSON.stringify({ ...JSON.parse(report), callId: undefined }) },
    { rule: "an endedAt that is not a timestamp", body: report.replace("2026-11-22T04:30:31.000Z", "yesterday") },
  ])("rejects $rule with 400 when correctly signed", ({ body }) => {
    expect(statusOf(() => parse(body, hmac(SECRET, body)))).toBe(400);
  });

  it("returns null for a signed message that is not terminal", () => {
    const body = JSON.stringify({ type: "call.ringing", callId: "sim_abc" });
    expect(parse(body, hmac(SECRET, body))).toBeNull();
  });
});
