import { randomUUID } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

export type FakeVapiOptions = {
  /** The private key `POST /call` accepts as a bearer token. */
  apiKey?: string;
  /** From call creation to the first status-update; each later message follows `stepMs` after the previous. */
  reportDelayMs?: number;
  stepMs?: number;
  /** Destination number (E.164) → the endedReason its call ends with. */
  endedReasons?: Record<string, string>;
  defaultEndedReason?: string;
  /** Vapi's default is 10 concurrent calls; further calls are accepted but wait for a free slot. */
  concurrencyLimit?: number;
  /** When given, other ids answer 400, as Vapi does for resources that do not exist. */
  assistantIds?: string[];
  phoneNumberIds?: string[];
  /** How long a create-call takes to answer after the call is placed; a crash in between leaves a dial of unknown result. */
  createLatencyMs?: number;
  /** Milliseconds per second of `server.backoffPlan` delay, so tests need not wait real seconds. */
  msPerBackoffSecond?: number;
};

export type FakeVapiFailure = "rate-limit" | "server-error" | "hang";

/** One `POST /call` as the fake saw it: which attempt asked (the id Leadline sends in variableValues) and the answer. */
export type CreateCallRecord = {
  at: number;
  attemptId: string | null;
  to: string | null;
  /** The HTTP status answered; null when the request was held until the caller gave up. */
  status: number | null;
  /** The id of the call it created, which rings the lead, whether or not the caller heard the answer. */
  callId: string | null;
};

export type RecordedRequest = { method: string; path: string; headers: IncomingHttpHeaders; rawBody: string; body: unknown };

/** One POST the fake made to a call's server URL. `responseStatus` is null when the request itself failed. */
export type Delivery = {
  callId: string;
  url: string;
  headers: Record<string, string>;
  body: VapiServerMessage;
  responseStatus: number | null;
};

export type VapiServerMessage = { message: Record<string, unknown> & { type: string } };

type ServerConfig = {
  url?: string;
  headers?: Record<string, string>;
  timeoutSeconds?: number;
  backoffPlan?: { type?: string; maxRetries?: number; baseDelaySeconds?: number; excludedStatusCodes?: number[] };
};

export type FakeVapiCall = Record<string, unknown> & {
  id: string;
  status: "queued" | "ringing" | "in-progress" | "ended";
  customer: { number: string };
  assistantOverrides?: { server?: ServerConfig; variableValues?: Record<string, string> };
  endedReason?: string;
};

const E164 = /^\+[1-9]\d{6,14}$/;
const NEVER_ANSWERED = new Set([
  "customer-did-not-answer",
  "customer-busy",
  "twilio-failed-to-connect-call",
  "vonage-failed-to-connect-call",
  "twilio-reported-customer-misdialed",
]);

/** The statuses a real call passes through before it ends this way. */
function statusesFor(endedReason: string): FakeVapiCall["status"][] {
  if (endedReason.startsWith("call.start.error-")) return ["ended"];
  if (NEVER_ANSWERED.has(endedReason) || /error-sip|providerfault/.test(endedReason)) return ["ringing", "ended"];
  return ["ringing", "in-progress", "ended"];
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function reply(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers }).end(JSON.stringify(body));
}

function badRequest(res: ServerResponse, messages: string[]) {
  reply(res, 400, { message: messages, error: "Bad Request", statusCode: 400 });
}

function attemptIdOf(body: unknown): string | null {
  const values = (body as { assistantOverrides?: { variableValues?: Record<string, unknown> } } | undefined)?.assistantOverrides
    ?.variableValues;
  return typeof values?.leadline_attempt_id === "string" ? values.leadline_attempt_id : null;
}

function numberOf(body: unknown): string | null {
  const number = (body as { customer?: { number?: unknown } } | undefined)?.customer?.number;
  return typeof number === "string" ? number : null;
}

/** An in-process stand-in for api.vapi.ai: `POST /call`, `GET /call/:id`, and the server messages that follow. */
/** What the report says of the talk: a transcript, summary and recording when the call got through, empty otherwise. */
function conversation(call: FakeVapiCall, endedReason: string) {
  const variableValues = call.assistantOverrides?.variableValues ?? {};
  if (!statusesFor(endedReason).includes("in-progress"))
    return {
      artifact: { transcript: "", messages: [], recordingUrl: null, variableValues },
      analysis: { summary: null, successEvaluation: null },
    };
  return {
    artifact: {
      transcript: "AI: Hi, am I speaking with the right person?\nUser: Yes. Please send me the brochure.\n",
      messages: [],
      recordingUrl: `https://storage.vapi.ai/${call.id}-mono.wav`,
      variableValues,
    },
    analysis: { summary: "The customer asked for the brochure.", successEvaluation: "true" },
  };
}

export function createFakeVapi(options: FakeVapiOptions = {}) {
  const apiKey = options.apiKey ?? "vapi-private-test-key";
  const limit = options.concurrencyLimit ?? 10;
  const endedReasons = new Map(Object.entries(options.endedReasons ?? {}));
  const requests: RecordedRequest[] = [];
  const deliveries: Delivery[] = [];
  const calls = new Map<string, FakeVapiCall>();
  const waiting: FakeVapiCall[] = [];
  const running = new Set<Promise<void>>();
  const failures: { failure: FakeVapiFailure; retryAfterSeconds: number }[] = [];
  const createCalls: CreateCallRecord[] = [];
  const held = new Set<ServerResponse>();
  let outageUntil = 0;
  let hangsLeft = 0;
  const stopping = new AbortController();
  const orgId = randomUUID();
  let active = 0;
  let baseUrl = "";

  async function post(call: FakeVapiCall, message: VapiServerMessage["message"]) {
    const server = call.assistantOverrides?.server;
    if (!server?.url) return;
    const headers = { "content-type": "application/json", ...server.headers };
    const plan = server.backoffPlan;
    const tries = 1 + (plan ? Math.min(plan.maxRetries ?? 0, 10) : 0);
    for (let attempt = 0; attempt < tries; attempt++) {
      if (attempt > 0) {
        const seconds = (plan?.baseDelaySeconds ?? 1) * (plan?.type === "exponential" ? 2 ** (attempt - 1) : 1);
        await sleep(seconds * (options.msPerBackoffSecond ?? 1000), undefined, { signal: stopping.signal });
      }
      const delivery: Delivery = { callId: call.id, url: server.url, headers, body: { message }, responseStatus: null };
      deliveries.push(delivery);
      try {
        const res = await fetch(server.url, {
          method: "POST",
          headers,
          body: JSON.stringify({ message }),
          signal: AbortSignal.any([stopping.signal, AbortSignal.timeout((server.timeoutSeconds ?? 20) * 1000)]),
        });
        await res.arrayBuffer();
        delivery.responseStatus = res.status;
        if (res.ok || plan?.excludedStatusCodes?.includes(res.status)) return;
      } catch {
        if (stopping.signal.aborted) return;
      }
    }
  }

  async function run(call: FakeVapiCall) {
    const endedReason = endedReasons.get(call.customer.number) ?? options.defaultEndedReason ?? "customer-ended-call";
    const statuses = statusesFor(endedReason);
    try {
      await sleep(options.reportDelayMs ?? 50, undefined, { signal: stopping.signal });
      const startedAt = new Date().toISOString();
      for (const [index, status] of statuses.entries()) {
        if (index > 0) await sleep(options.stepMs ?? 10, undefined, { signal: stopping.signal });
        call.status = status;
        call.updatedAt = new Date().toISOString();
        if (status === "ended") Object.assign(call, { endedReason, startedAt, endedAt: call.updatedAt });
        await post(call, {
          type: "status-update",
          status,
          timestamp: Date.now(),
          call: { ...call },
          ...(status === "ended" ? { endedReason } : {}),
        });
      }
      await post(call, {
        type: "end-of-call-report",
        timestamp: Date.now(),
        endedReason,
        startedAt,
        endedAt: call.endedAt,
        cost: 0.02,
        call: { ...call },
        customer: call.customer,
        phoneNumber: { id: call.phoneNumberId },
        ...conversation(call, endedReason),
      });
    } catch {
      // Only stop() aborts the sleeps; a stopped fake sends nothing more.
    } finally {
      active--;
      const next = waiting.shift();
      if (next && !stopping.signal.aborted) launch(next);
    }
  }

  function launch(call: FakeVapiCall) {
    active++;
    const task = run(call).finally(() => running.delete(task));
    running.add(task);
  }

  function authorised(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.headers.authorization === `Bearer ${apiKey}`) return true;
    reply(res, 401, { message: "Invalid Key. Check that you are using your private key.", error: "Unauthorized", statusCode: 401 });
    return false;
  }

  async function createCall(body: unknown, res: ServerResponse, record: CreateCallRecord, hold: boolean) {
    const dto = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
    const customer = dto.customer as { number?: unknown; numberE164CheckEnabled?: boolean } | undefined;
    const problems: string[] = [];
    if (!dto.assistantId && !dto.assistant && !dto.squadId && !dto.squad && !dto.workflowId && !dto.workflow) {
      problems.push("Need one of assistantId, assistant, squadId, squad, workflowId or workflow.");
    }
    if (!dto.phoneNumberId && !dto.phoneNumber) problems.push("Need phoneNumberId or phoneNumber.");
    const number = customer?.number;
    if (typeof number !== "string" || (customer?.numberE164CheckEnabled !== false && !E164.test(number))) {
      problems.push("customer.number must be a valid phone number in the E.164 format.");
    }
    if (problems.length > 0) return badRequest(res, problems);
    if (options.assistantIds && typeof dto.assistantId === "string" && !options.assistantIds.includes(dto.assistantId)) {
      return badRequest(res, [`Couldn't Get Assistant. assistantId ${dto.assistantId} does not exist.`]);
    }
    if (options.phoneNumberIds && typeof dto.phoneNumberId === "string" && !options.phoneNumberIds.includes(dto.phoneNumberId)) {
      return badRequest(res, [`Couldn't Get Phone Number. phoneNumberId ${dto.phoneNumberId} does not exist.`]);
    }
    const now = new Date().toISOString();
    const call: FakeVapiCall = {
      ...dto,
      id: randomUUID(),
      orgId,
      type: "outboundPhoneCall",
      status: "queued",
      createdAt: now,
      updatedAt: now,
      cost: 0,
      phoneCallProvider: "twilio",
      phoneCallTransport: "pstn",
      customer: { ...customer, number: number as string },
      assistantOverrides: dto.assistantOverrides as FakeVapiCall["assistantOverrides"],
    };
    calls.set(call.id, call);
    const blocked = active >= limit;
    if (blocked) waiting.push(call);
    else launch(call);
    const subscriptionLimits = {
      concurrencyBlocked: blocked,
      concurrencyLimit: limit,
      remainingConcurrentCalls: Math.max(0, limit - active),
    };
    record.callId = call.id;
    if (hold) return holdOpen(res);
    if (options.createLatencyMs) await sleep(options.createLatencyMs);
    record.status = 201;
    reply(res, 201, { ...call, subscriptionLimits });
  }

  /** Never answers; the socket is closed when the fake stops, long after any caller's timeout. */
  function holdOpen(res: ServerResponse) {
    held.add(res);
    res.on("close", () => held.delete(res));
  }

  /** Vapi's `GET /call` list: newest first, filtered by assistant, phone number and creation time. */
  function listCalls(query: URLSearchParams, res: ServerResponse) {
    const after = query.get("createdAtGt");
    const since = query.get("createdAtGe");
    const found = [...calls.values()]
      .filter((c) => !query.get("assistantId") || c.assistantId === query.get("assistantId"))
      .filter((c) => !query.get("phoneNumberId") || c.phoneNumberId === query.get("phoneNumberId"))
      .filter((c) => !after || String(c.createdAt) > after)
      .filter((c) => !since || String(c.createdAt) >= since)
      .filter((c) => !query.get("createdAtLe") || String(c.createdAt) <= query.get("createdAtLe")!)
      .reverse()
      .slice(0, Number(query.get("limit") ?? 100));
    reply(res, 200, found);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const rawBody = await readBody(req);
    let body: unknown = undefined;
    let parseError: string | null = null;
    try {
      body = rawBody ? JSON.parse(rawBody) : undefined;
    } catch (err) {
      parseError = (err as Error).message;
    }
    const url = new URL(req.url ?? "/", "http://fake");
    const path = url.pathname;
    requests.push({ method: req.method ?? "", path, headers: req.headers, rawBody, body });
    const creating = req.method === "POST" && path === "/call";
    const record: CreateCallRecord = { at: Date.now(), attemptId: attemptIdOf(body), to: numberOf(body), status: null, callId: null };
    if (creating) createCalls.push(record);
    if (Date.now() < outageUntil) {
      record.status = 503;
      return reply(res, 503, { message: "Service Unavailable", statusCode: 503 });
    }

    const failure = failures.shift();
    if (failure?.failure === "hang") return;
    if (failure?.failure === "rate-limit") {
      record.status = 429;
      return reply(res, 429, { message: "Too Many Requests", statusCode: 429 }, { "retry-after": String(failure.retryAfterSeconds) });
    }
    if (failure?.failure === "server-error") {
      record.status = 500;
      return reply(res, 500, { message: "Internal server error", statusCode: 500 });
    }

    const [, resource, id] = path.split("/");
    if (resource !== "call" || !["POST", "GET"].includes(req.method ?? ""))
      return reply(res, 404, { message: `Cannot ${req.method} ${path}`, error: "Not Found", statusCode: 404 });
    if (!authorised(req, res)) {
      record.status = 401;
      return;
    }
    if (req.method === "GET" && !id) return listCalls(url.searchParams, res);
    if (req.method === "GET") {
      const call = id ? calls.get(id) : undefined;
      return call ? reply(res, 200, call) : reply(res, 404, { message: "Not Found", statusCode: 404 });
    }
    if (id) return reply(res, 404, { message: `Cannot POST ${path}`, error: "Not Found", statusCode: 404 });
    if (parseError) return badRequest(res, [parseError]);
    const hang = hangsLeft > 0;
    if (hang) hangsLeft--;
    await createCall(body, res, record, hang);
    record.status ??= res.headersSent ? res.statusCode : null;
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: Error) => reply(res, 500, { message: err.message, statusCode: 500 }));
  });

  return {
    /** Starts listening on a random loopback port and returns the base URL to give the Vapi client. */
    async start(): Promise<string> {
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      return baseUrl;
    },
    async stop(): Promise<void> {
      stopping.abort();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await Promise.allSettled([...running]);
    },
    get url(): string {
      return baseUrl;
    },
    requests,
    deliveries,
    calls: (): FakeVapiCall[] => [...calls.values()],
    /** Every create-call request, in arrival order, with the attempt it was for and what became of it. */
    createCalls,
    /** Every request answers 503 from now on for `ms`; a later call moves the end of an outage still running. */
    outage(ms: number) {
      outageUntil = Date.now() + ms;
    },
    /**
     * The next `count` create-calls place their call (the lead's phone rings, reports follow) but never answer, so
     * the caller's timeout fires without learning the call's id: dials whose result is unknown.
     */
    acceptThenHang(count: number) {
      hangsLeft = count;
    },
    /** The next `count` API requests fail this way; "hang" never answers, so the client's timeout must fire. */
    failNext(count: number, failure: FakeVapiFailure, retryAfterSeconds = 1) {
      for (let i = 0; i < count; i++) failures.push({ failure, retryAfterSeconds });
    },
    setEndedReason(number: string, endedReason: string) {
      endedReasons.set(number, endedReason);
    },
    /** Resolves once every accepted call, queued ones included, has sent its last message. */
    async settled(): Promise<void> {
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}

export type FakeVapi = ReturnType<typeof createFakeVapi>;
