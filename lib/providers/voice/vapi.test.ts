import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeVapi, type FakeVapi } from "@/e2e/support/fakes/vapi";
import { ProviderError, type StartCallRequest } from "./port";
import { startStatusReceiver } from "./status-receiver.test-support";
import { createVapi, retryAfterMs } from "./vapi";

const API_KEY = "vapi-private-key-1";
const SECRET = "whsec_agent_one";

function request(overrides: Partial<StartCallRequest> = {}): StartCallRequest {
  return {
    attemptId: "att_0123456789abcdefghij",
    attempt: 1,
    to: "+919876543210",
    settings: { assistantId: "asst-1", phoneNumberId: "pn-1" },
    credentials: { apiKey: API_KEY, webhookSecret: SECRET },
    variables: { name: "Asha", city: "Pune" },
    statusUrl: "http://127.0.0.1:9/api/call/status/vapi?agent=agt_1",
    ...overrides,
  };
}

async function providerError(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => new Error("expected startCall to fail"),
    (err: unknown) => err,
  );
  if (error instanceof ProviderError) return error;
  throw error;
}

describe("Vapi startCall against the fake Vapi API", () => {
  let fake: FakeVapi;
  let baseUrl: string;
  let vapi: ReturnType<typeof createVapi>;

  beforeEach(async () => {
    fake = createFakeVapi({ apiKey: API_KEY, reportDelayMs: 60_000, assistantIds: ["asst-1"], phoneNumberIds: ["pn-1"] });
    baseUrl = await fake.start();
    // The client's own 15 s limit: a loaded machine's slow answer is not a timeout. Only the hang test shortens it.
    vapi = createVapi({ baseUrl });
  });
  afterEach(() => fake.stop());

  it("creates the call with the documented body and headers and returns Vapi's call id", async () => {
    const { providerCallId } = await vapi.startCall(request());

    expect(fake.requests).toHaveLength(1);
    const [sent] = fake.requests;
    expect(sent).toMatchObject({ method: "POST", path: "/call" });
    expect(sent!.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(sent!.headers["content-type"]).toBe("application/json");
    expect(sent!.body).toEqual({
      assistantId: "asst-1",
      phoneNumberId: "pn-1",
      customer: { number: "+919876543210" },
      assistantOverrides: {
        variableValues: { name: "Asha", city: "Pune", leadline_attempt_id: "att_0123456789abcdefghij" },
        server: {
          url: "http://127.0.0.1:9/api/call/status/vapi?agent=agt_1",
          timeoutSeconds: 20,
          headers: { "X-Vapi-Secret": SECRET },
          backoffPlan: { type: "exponential", maxRetries: 3, baseDelaySeconds: 2, excludedStatusCodes: [400, 401] },
        },
        serverMessages: ["status-update", "end-of-call-report"],
      },
      name: "leadline att_0123456789abcdefghij",
    });
    expect(fake.calls().map((call) => call.id)).toEqual([providerCallId]);
  });

  it("reports a wrong API key as not transient, saying what to fix", async () => {
    const error = await providerError(vapi.startCall(request({ credentials: { apiKey: "wrong", webhookSecret: SECRET } })));
    expect(error).toMatchObject({ transient: false, status: 401 });
    expect(error.message).toContain("Vapi rejected the API key (401): check the agent's Vapi private key");
  });

  it("reports 429 as transient and honours Retry-After", async () => {
    fake.failNext(1, "rate-limit", 7);
    const error = await providerError(vapi.startCall(request()));
    expect(error).toMatchObject({ transient: true, status: 429, retryAfterMs: 7_000 });
  });

  it("reports 500 as transient", async () => {
    fake.failNext(1, "server-error");
    expect(await providerError(vapi.startCall(request()))).toMatchObject({ transient: true, status: 500 });
    expect((await vapi.startCall(request())).providerCallId).toBe(fake.calls()[0]!.id);
  });

  it("gives up on a request that hangs after the timeout and calls it transient", async () => {
    fake.failNext(1, "hang");
    const startedAt = Date.now();
    const error = await providerError(createVapi({ baseUrl, timeoutMs: 300 }).startCall(request()));
    // Well short of the 15 s default, however loaded the machine: the given limit is the one applied.
    expect(Date.now() - startedAt).toBeLessThan(10_000);
    expect(error).toMatchObject({ transient: true, status: undefined, message: "Vapi did not answer within 300 ms" });
  });

  it("reports a number Vapi cannot dial as a 400 that is not transient, with Vapi's words", async () => {
    const error = await providerError(vapi.startCall(request({ to: "98765 43210" })));
    expect(error).toMatchObject({ transient: false, status: 400 });
    expect(error.message).toContain("the lead's phone number");
    expect(error.message).toContain("E.164");
  });

  it("reports an assistant Vapi does not know as a 400 that names the assistant", async () => {
    const error = await providerError(vapi.startCall(request({ settings: { assistantId: "asst-gone", phoneNumberId: "pn-1" } })));
    expect(error).toMatchObject({ transient: false, status: 400 });
    expect(error.message).toContain("asst-gone");
  });

  it.each([
    { missing: "apiKey", req: request({ credentials: { webhookSecret: SECRET } }) },
    { missing: "assistantId", req: request({ settings: { phoneNumberId: "pn-1" } }) },
    { missing: "phoneNumberId", req: request({ settings: { assistantId: "asst-1" } }) },
  ])("refuses to dial without $missing, before calling Vapi", async ({ missing, req }) => {
    const error = await providerError(vapi.startCall(req));
    expect(error).toMatchObject({ transient: false });
    expect(error.message).toContain(missing);
    expect(fake.requests).toHaveLength(0);
  });

  it("reports an unreachable Vapi as transient", async () => {
    const url = fake.url;
    await fake.stop();
    const error = await providerError(vapi.startCall(request()));
    expect(error.transient).toBe(true);
    expect(error.message).toContain(`Could not reach Vapi at ${url}`);
  });
});

describe("a Vapi call from creation to its end-of-call-report", () => {
  const vapi = createVapi();
  let fake: FakeVapi;
  let receiver: Awaited<ReturnType<typeof startStatusReceiver>>;

  beforeEach(async () => {
    receiver = await startStatusReceiver((webhook) => vapi.parseStatusWebhook(webhook, { webhookSecret: SECRET }));
  });
  afterEach(async () => {
    await fake.stop();
    await receiver.stop();
  });

  it("delivers status-updates and then a verified end-of-call-report with the scripted endedReason", async () => {
    fake = createFakeVapi({ apiKey: API_KEY, reportDelayMs: 20, stepMs: 5, endedReasons: { "+919876540000": "customer-did-not-answer" } });
    const client = createVapi({ baseUrl: await fake.start() });
    const { providerCallId } = await client.startCall(request({ to: "+919876540000", statusUrl: receiver.url }));
    await fake.settled();

    const messages = receiver.received.map((post) => JSON.parse(post.rawBody) as { message: { type: string; status?: string } });
    expect(messages.map(({ message }) => [message.type, message.status])).toEqual([
      ["status-update", "ringing"],
      ["status-update", "ended"],
      ["end-of-call-report", undefined],
    ]);
    expect(receiver.received.map((post) => post.headers.get("x-vapi-secret"))).toEqual([SECRET, SECRET, SECRET]);
    expect(receiver.received.map((post) => post.report)).toEqual([
      null,
      null,
      {
        providerCallId,
        attemptId: "att_0123456789abcdefghij",
        outcome: "no_answer",
        detail: "customer-did-not-answer",
        endedAt: expect.any(Date),
        retryable: true,
      },
    ]);
  });

  it("retries a delivery our route answered with 5xx, as the backoff plan asks", async () => {
    fake = createFakeVapi({ apiKey: API_KEY, reportDelayMs: 10, stepMs: 1, msPerBackoffSecond: 1 });
    const client = createVapi({ baseUrl: await fake.start() });
    receiver.answerNext(200, 200, 200, 503);
    const { providerCallId } = await client.startCall(request({ statusUrl: receiver.url }));
    await fake.settled();

    expect(receiver.received.map((post) => post.status)).toEqual([200, 200, 200, 503, 200]);
    expect(receiver.received[4]!.report).toMatchObject({
      providerCallId,
      outcome: "completed",
      detail: "customer-ended-call",
      summary: "The customer asked for the brochure.",
      transcript: "AI: Hi, am I speaking with the right person?\nUser: Yes. Please send me the brochure.",
      recordingUrl: `https://storage.vapi.ai/${providerCallId}-mono.wav`,
    });
  });

  it("accepts every call beyond its concurrency limit but holds it until a slot frees", async () => {
    fake = createFakeVapi({ apiKey: API_KEY, reportDelayMs: 20, stepMs: 1, concurrencyLimit: 2 });
    const baseUrl = await fake.start();
    const create = async (attempt: number) => {
      const res = await fetch(`${baseUrl}/call`, {
        method: "POST",
        headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
        body: JSON.stringify({
          assistantId: "a",
          phoneNumberId: "p",
          customer: { number: `+9198765432${attempt}0` },
          assistantOverrides: { server: { url: receiver.url, headers: { "X-Vapi-Secret": SECRET } } },
        }),
      });
      expect(res.status).toBe(201);
      return (await res.json()) as { id: string; status: string; subscriptionLimits: { concurrencyBlocked: boolean } };
    };
    const created = [await create(1), await create(2), await create(3)];
    expect(created.map((call) => [call.status, call.subscriptionLimits.concurrencyBlocked])).toEqual([
      ["queued", false],
      ["queued", false],
      ["queued", true],
    ]);
    await fake.settled();

    const reports = receiver.received.filter((post) => post.report).map((post) => post.report!.providerCallId);
    expect(reports).toHaveLength(3);
    expect(reports[2]).toBe(created[2]!.id);
    const firstReport = fake.deliveries.findIndex((delivery) => delivery.body.message.type === "end-of-call-report");
    const heldCallStarts = fake.deliveries.findIndex((delivery) => delivery.callId === created[2]!.id);
    expect(heldCallStarts).toBeGreaterThan(firstReport);
    expect(fake.calls().map((call) => call.status)).toEqual(["ended", "ended", "ended"]);
  });
});

describe("retryAfterMs", () => {
  it.each([
    { header: "7", expected: 7_000 },
    { header: "0", expected: 0 },
    { header: "Wed, 21 Oct 2026 07:28:30 GMT", expected: 30_000 },
    { header: "Wed, 21 Oct 2026 07:27:00 GMT", expected: 0 },
    { header: "soon", expected: undefined },
    { header: null, expected: undefined },
  ])("reads $header", ({ header, expected }) => {
    expect(retryAfterMs(header, Date.parse("2026-10-21T07:28:00Z"))).toBe(expected);
  });
});

describe("the fake Vapi API validates create-call like Vapi", () => {
  let fake: FakeVapi;
  beforeEach(() => {
    fake = createFakeVapi({ apiKey: API_KEY, reportDelayMs: 60_000 });
  });
  afterEach(() => fake.stop());

  const valid = { assistantId: "a", phoneNumberId: "p", customer: { number: "+919876543210" } };

  it.each([
    { rule: "no assistantId", body: { ...valid, assistantId: undefined }, says: "assistantId" },
    { rule: "no phoneNumberId", body: { ...valid, phoneNumberId: undefined }, says: "phoneNumberId" },
    { rule: "a number without +", body: { ...valid, customer: { number: "919876543210" } }, says: "E.164" },
    { rule: "no customer", body: { ...valid, customer: undefined }, says: "E.164" },
  ])("answers 400 for $rule", async ({ body, says }) => {
    const res = await fetch(`${await fake.start()}/call`, {
      method: "POST",
      headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string[] }).message.join(" ")).toContain(says);
    expect(fake.calls()).toHaveLength(0);
  });

  it("serves a created call at GET /call/:id, behind the same key", async () => {
    const baseUrl = await fake.start();
    const { providerCallId } = await createVapi({ baseUrl }).startCall(request());
    const auth = { authorization: `Bearer ${API_KEY}` };
    const res = await fetch(`${baseUrl}/call/${providerCallId}`, { headers: auth });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      id: providerCallId,
      status: "queued",
      type: "outboundPhoneCall",
      customer: { number: "+919876543210" },
    });
    expect((await fetch(`${baseUrl}/call/${providerCallId}`)).status).toBe(401);
    expect((await fetch(`${baseUrl}/call/nope`, { headers: auth })).status).toBe(404);
  });
});
