// Vapi's findCall: after a crash or a timeout, whether Vapi placed a call for an attempt. "absent" leads to dialling
// again, so it must only be said when Vapi's list proves it.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFakeVapi, type FakeVapi } from "@/e2e/support/fakes/vapi";
import { ProviderError, type FindCallRequest, type StartCallRequest } from "./port";
import { createVapi, VAPI_LIST_LIMIT } from "./vapi";

const API_KEY = "vapi-private-key-1";
const SINCE = new Date("2026-11-23T10:00:00.000Z");
const LISTED_SINCE = "2026-11-23T09:59:00.000Z";

function findRequest(attemptId: string, overrides: Partial<FindCallRequest> = {}): FindCallRequest {
  return {
    attemptId,
    to: "+919876543210",
    settings: { assistantId: "asst-1", phoneNumberId: "pn-1" },
    credentials: { apiKey: API_KEY, webhookSecret: "whsec_1" },
    since: SINCE,
    ...overrides,
  };
}

describe("Vapi findCall against the fake Vapi API", () => {
  let fake: FakeVapi;
  let vapi: ReturnType<typeof createVapi>;

  beforeEach(async () => {
    fake = createFakeVapi({ apiKey: API_KEY, reportDelayMs: 60_000, assistantIds: ["asst-1"], phoneNumberIds: ["pn-1", "pn-2"] });
    vapi = createVapi({ baseUrl: await fake.start(), timeoutMs: 5_000 });
  });
  afterEach(() => fake.stop());

  const start = (attemptId: string, phoneNumberId = "pn-1"): StartCallRequest => ({
    attemptId,
    attempt: 1,
    to: "+919876543210",
    settings: { assistantId: "asst-1", phoneNumberId },
    credentials: { apiKey: API_KEY, webhookSecret: "whsec_1" },
    variables: {},
    statusUrl: "http://127.0.0.1:9/status",
  });

  it("finds the call placed for the attempt among the number's others, by the attempt id it carried", async () => {
    await vapi.startCall(start("att_other_1"));
    const { providerCallId } = await vapi.startCall(start("att_ours_1"));
    await vapi.startCall(start("att_other_2"));
    const since = new Date(Date.now() - 5_000);
    fake.requests.length = 0;

    expect(await vapi.findCall(findRequest("att_ours_1", { since }))).toEqual({ kind: "found", providerCallId });
    expect(fake.requests).toHaveLength(1);
    const [sent] = fake.requests;
    expect(sent).toMatchObject({ method: "GET", path: "/call" });
    expect(sent!.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it("answers absent when the number has no call for the attempt, and ignores another number's call for it", async () => {
    await vapi.startCall(start("att_elsewhere", "pn-2"));
    await vapi.startCall(start("att_other_1"));
    const since = new Date(Date.now() - 5_000);
    expect(await vapi.findCall(findRequest("att_elsewhere", { since }))).toEqual({ kind: "absent" });
    expect(await vapi.findCall(findRequest("att_never", { since }))).toEqual({ kind: "absent" });
  });

  it("does not count a call created before the claim (less a minute's slack)", async () => {
    await vapi.startCall(start("att_ours_2"));
    const later = new Date(Date.now() + 120_000);
    expect(await vapi.findCall(findRequest("att_ours_2", { since: later }))).toEqual({ kind: "absent" });
  });
});

/** A local stand-in answering `GET /call` from a script, recording each request's query and headers. */
function scriptedVapi(
  answer: (query: URLSearchParams, page: number) => { status: number; body: unknown; headers?: Record<string, string> },
) {
  const seen: Array<{ path: string; query: URLSearchParams; headers: IncomingMessage["headers"] }> = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://local");
    seen.push({ path: url.pathname, query: url.searchParams, headers: req.headers });
    const { status, body, headers } = answer(url.searchParams, seen.length - 1);
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(typeof body === "string" ? body : JSON.stringify(body));
  });
  return {
    seen,
    start: () =>
      new Promise<string>((resolve) =>
        server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
      ),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const listed = (n: number, newest: number, extra: (i: number) => object = () => ({})) =>
  Array.from({ length: n }, (_, i) => ({
    id: `call-${newest - i}`,
    createdAt: new Date(Date.UTC(2026, 10, 23, 10, 0, 0, newest - i)).toISOString(),
    name: `leadline att_someone_${newest - i}`,
    assistantOverrides: { variableValues: { leadline_attempt_id: `att_someone_${newest - i}` } },
    ...extra(i),
  }));

async function providerError(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => new Error("expected findCall to fail"),
    (err: unknown) => err,
  );
  if (error instanceof ProviderError) return error;
  throw error;
}

describe("Vapi findCall's list requests and Vapi's answers", () => {
  let server: ReturnType<typeof scriptedVapi> | undefined;
  afterEach(() => server?.stop());

  async function vapiAnswering(answer: Parameters<typeof scriptedVapi>[0]) {
    server = scriptedVapi(answer);
    return createVapi({ baseUrl: await server.start(), timeoutMs: 5_000 });
  }

  it("asks for the agent's number's calls since a minute before the claim, a full page of them, with the private key", async () => {
    const vapi = await vapiAnswering(() => ({ status: 200, body: [] }));
    expect(await vapi.findCall(findRequest("att_1"))).toEqual({ kind: "absent" });
    expect(server!.seen).toHaveLength(1);
    const [sent] = server!.seen;
    expect(sent!.path).toBe("/call");
    expect(Object.fromEntries(sent!.query)).toEqual({ createdAtGe: LISTED_SINCE, limit: String(VAPI_LIST_LIMIT), phoneNumberId: "pn-1" });
    expect(sent!.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(sent!.headers.accept).toBe("application/json");
  });

  it("leaves phoneNumberId out when the agent has none", async () => {
    const vapi = await vapiAnswering(() => ({ status: 200, body: [] }));
    await vapi.findCall(findRequest("att_1", { settings: { assistantId: "asst-1" } }));
    expect(Object.fromEntries(server!.seen[0]!.query)).toEqual({ createdAtGe: LISTED_SINCE, limit: String(VAPI_LIST_LIMIT) });
  });

  it("matches by the attempt id in variableValues, or by the call's name when that holds the whole id", async () => {
    const byName = { id: "call-by-name", name: "leadline att_short", createdAt: "2026-11-23T10:00:01.000Z" };
    const truncated = { id: "call-truncated", name: `leadline att_${"x".repeat(40)}`.slice(0, 40), createdAt: "2026-11-23T10:00:02.000Z" };
    const vapi = await vapiAnswering(() => ({ status: 200, body: [...listed(3, 3), byName, truncated] }));
    expect(await vapi.findCall(findRequest("att_someone_2"))).toEqual({ kind: "found", providerCallId: "call-2" });
    expect(await vapi.findCall(findRequest("att_short"))).toEqual({ kind: "found", providerCallId: "call-by-name" });
    // A name cut at 40 characters could belong to a longer id than ours: not a match.
    expect(await vapi.findCall(findRequest(`att_${"x".repeat(30)}`))).toEqual({ kind: "absent" });
  });

  it("reads the next, older page when a full page does not hold the attempt, and finds it there", async () => {
    const first = listed(VAPI_LIST_LIMIT, 2 * VAPI_LIST_LIMIT);
    const vapi = await vapiAnswering((_q, page) =>
      page === 0 ? { status: 200, body: first } : { status: 200, body: listed(5, VAPI_LIST_LIMIT + 1) },
    );
    expect(await vapi.findCall(findRequest(`att_someone_${VAPI_LIST_LIMIT - 2}`))).toEqual({
      kind: "found",
      providerCallId: `call-${VAPI_LIST_LIMIT - 2}`,
    });
    expect(server!.seen).toHaveLength(2);
    expect(Object.fromEntries(server!.seen[1]!.query)).toEqual({
      createdAtGe: LISTED_SINCE,
      limit: String(VAPI_LIST_LIMIT),
      phoneNumberId: "pn-1",
      createdAtLe: first.at(-1)!.createdAt,
    });
  });

  it("says absent only after a page that is not full", async () => {
    const vapi = await vapiAnswering((_q, page) =>
      page === 0 ? { status: 200, body: listed(VAPI_LIST_LIMIT, 2 * VAPI_LIST_LIMIT) } : { status: 200, body: listed(1, VAPI_LIST_LIMIT) },
    );
    expect(await vapi.findCall(findRequest("att_never"))).toEqual({ kind: "absent" });
    expect(server!.seen).toHaveLength(2);
  });

  it("cannot tell when a full page brings nothing new (one instant holds more than a page)", async () => {
    const same = listed(VAPI_LIST_LIMIT, VAPI_LIST_LIMIT, () => ({ createdAt: "2026-11-23T10:00:00.500Z" }));
    const vapi = await vapiAnswering(() => ({ status: 200, body: same }));
    expect(await vapi.findCall(findRequest("att_never"))).toEqual({ kind: "unknown" });
    expect(server!.seen).toHaveLength(2);
  });

  it("cannot tell when Vapi refuses the key (401) or answers what is not a list", async () => {
    for (const [status, body] of [
      [401, { message: "Invalid Key. Hot tip, you may be using the private key instead of the public key, or vice versa." }],
      [404, { message: "Not Found" }],
      [200, { calls: [] }],
      [200, "<html>"],
    ] as const) {
      const vapi = await vapiAnswering(() => ({ status, body }));
      expect(await vapi.findCall(findRequest("att_1")), `${status} ${JSON.stringify(body)}`).toEqual({ kind: "unknown" });
      await server!.stop();
      server = undefined;
    }
  });

  it("throws a transient error for 429 (with Retry-After) and 5xx, so the look-up is tried again later", async () => {
    let vapi = await vapiAnswering(() => ({ status: 429, body: { message: "Too Many Requests" }, headers: { "retry-after": "3" } }));
    expect(await providerError(vapi.findCall(findRequest("att_1")))).toMatchObject({ transient: true, status: 429, retryAfterMs: 3_000 });
    await server!.stop();
    for (const status of [500, 502, 503]) {
      vapi = await vapiAnswering(() => ({ status, body: { message: "Service Unavailable" } }));
      expect(await providerError(vapi.findCall(findRequest("att_1")))).toMatchObject({ transient: true, status });
      await server!.stop();
    }
    server = undefined;
  });

  it("throws a transient error when Vapi cannot be reached", async () => {
    const vapi = createVapi({ baseUrl: "http://127.0.0.1:9", timeoutMs: 5_000 });
    const error = await providerError(vapi.findCall(findRequest("att_1")));
    expect(error.transient).toBe(true);
    expect(error.message).toContain("Could not ask Vapi about attempt att_1");
  });
});
