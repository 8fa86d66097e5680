import { expect, test, type APIRequestContext } from "@playwright/test";
import { createAgent, getCall, organisationWithKey, waitForCall } from "../support/api";
import { resetDatabase } from "../support/db";

let api: APIRequestContext;
let agentId: string;

test.beforeAll(async ({ playwright, baseURL }) => {
  await resetDatabase();
  ({ api } = await organisationWithKey(playwright, baseURL!));
  agentId = (await createAgent(api)).id;
});

/** HH:MM in Asia/Kolkata, `minutes` from now. */
function kolkataClock(minutesFromNow: number): string {
  const t = new Date(Date.now() + minutesFromNow * 60_000);
  return new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Kolkata", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(t);
}

test("a call inside the window is dialed at once; a never-answering number is retried after each gap, then given up", async () => {
  const schedule = {
    min_trigger_time: kolkataClock(-120),
    max_trigger_time: kolkataClock(120),
    carry_over: "true",
    num_of_retries: "2",
    gap_between_retries: "0.001, 0.001",
  };
  const res = await api.post("/api/v1/calls", { data: { agentId, phone: "98765 40000", name: "Asha", schedule } });
  expect(res.status(), await res.text()).toBe(201);
  const { call } = await res.json();
  expect(call).toMatchObject({ status: "scheduled", phone: "+919876540000", maxAttempts: 3, nextAttemptReason: { kind: "inside_window" } });

  const done = await waitForCall(api, call.id, (c) => c.status === "failed", 40_000);
  expect(done.attempts.map((a) => [a.number, a.status, a.outcome])).toEqual([
    [1, "ended", "no_answer"],
    [2, "ended", "no_answer"],
    [3, "ended", "no_answer"],
  ]);
  const dialed = done.attempts.map((a) => Date.parse(a.dialedAt!));
  expect(dialed[0]! - Date.parse(call.createdAt)).toBeLessThan(3_000);
  // 0.001 h = 3.6 s after the previous dial, never earlier.
  expect(dialed[1]! - dialed[0]!).toBeGreaterThanOrEqual(3_600);
  expect(dialed[2]! - dialed[1]!).toBeGreaterThanOrEqual(3_600);
  expect(done.attempts[1]!.reason.text).toBe("retried 0.001 hours after the previous attempt");

  // Retry now grants one more attempt, dialed at once.
  const retried = await api.post(`/api/v1/calls/${call.id}/retry`);
  expect(retried.status()).toBe(200);
  const again = await waitForCall(api, call.id, (c) => c.status === "failed" && c.attemptsMade === 4);
  expect(again.attempts).toHaveLength(4);
  expect(again.attempts[3]!.reason.kind).toBe("retry_now");
});

test("an answered call completes after one attempt, and the same Idempotency-Key never makes a second call", async () => {
  const body = { data: { agentId, phone: "+91 98765 41234" }, headers: { "Idempotency-Key": "crm-lead-42" } };
  const first = await api.post("/api/v1/calls", body);
  const second = await api.post("/api/v1/calls", body);
  expect([first.status(), second.status()]).toEqual([201, 200]);
  const id = (await first.json()).call.id;
  expect((await second.json()).call.id).toBe(id);
  const done = await waitForCall(api, id, (c) => c.status === "completed");
  expect(done.attempts.map((a) => a.outcome)).toEqual(["completed"]);
});

test("a lead outside the window is carried over to the window start and dialed then", async () => {
  test.setTimeout(120_000);
  const start = kolkataClock(1);
  const res = await api.post("/api/v1/calls", {
    data: {
      agentId,
      phone: "+919876541111",
      schedule: { min_trigger_time: start, max_trigger_time: kolkataClock(30), carry_over: "true" },
    },
  });
  const { call } = await res.json();
  expect(call.nextAttemptReason).toMatchObject({ kind: "carried_over", windowStart: start, zone: "Asia/Kolkata" });
  const windowStart = Date.parse(call.nextAttemptAt);
  expect(windowStart).toBeGreaterThan(Date.now());
  const done = await waitForCall(api, call.id, (c) => c.status === "completed", 90_000);
  const dialedAt = Date.parse(done.attempts[0]!.dialedAt!);
  expect(dialedAt).toBeGreaterThanOrEqual(windowStart);
  expect(dialedAt - windowStart).toBeLessThan(5_000);
});

test("a scheduled call can be cancelled, and is then never dialed", async () => {
  const { call } = await (
    await api.post("/api/v1/calls", {
      data: {
        agentId,
        phone: "+919876542222",
        schedule: { min_trigger_time: kolkataClock(180), max_trigger_time: kolkataClock(240), carry_over: "true" },
      },
    })
  ).json();
  const cancelled = await api.post(`/api/v1/calls/${call.id}/cancel`);
  expect(cancelled.status()).toBe(200);
  expect((await cancelled.json()).call.status).toBe("cancelled");
  const twice = await api.post(`/api/v1/calls/${call.id}/cancel`);
  expect(twice.status()).toBe(409);
  expect((await twice.json()).error.code).toBe("not_cancellable");
  expect((await getCall(api, call.id)).attempts).toEqual([]);
});

test("bad input is answered with every problem at once, and nothing is stored", async () => {
  const before = (await (await api.get("/api/v1/calls?limit=100")).json()).calls.length;
  const bad = await api.post("/api/v1/calls", {
    data: { agentId, phone: "+919876543333", schedule: { min_trigger_time: "25:00", num_of_retries: "3", gap_between_retries: "2,4" } },
  });
  expect(bad.status()).toBe(400);
  const fields = (await bad.json()).error.details.map((d: { field: string; message: string }) => d.field);
  expect(fields).toEqual(["min_trigger_time", "gap_between_retries"]);
  expect((await bad.json()).error.message).toContain("gap_between_retries has 2 values but num_of_retries is 3");

  const phone = await api.post("/api/v1/calls", { data: { agentId, phone: "12" } });
  expect(phone.status()).toBe(400);
  expect((await phone.json()).error.code).toBe("invalid_phone");
  const agent = await api.post("/api/v1/calls", { data: { agentId: "agt_nope", phone: "+919876543333" } });
  expect(agent.status()).toBe(404);
  expect((await (await api.get("/api/v1/calls?limit=100")).json()).calls.length).toBe(before);
});

test("the schedule preview plans CallKaro's example and explains each time", async () => {
  const q = new URLSearchParams({
    created_at: "2026-11-23T19:00:00+05:30",
    min_trigger_time: "09:00",
    max_trigger_time: "18:00",
    carry_over: "true",
    num_of_retries: "3",
    gap_between_retries: "2,4,6",
    timezone: "Asia/Kolkata",
  });
  const res = await api.get(`/api/v1/schedule/preview?${q}`);
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.timezone).toBe("Asia/Kolkata");
  expect(body.attempts.map((a: { at: string }) => a.at)).toEqual([
    "2026-11-24T03:30:00.000Z", // 09:00 IST next morning
    "2026-11-24T05:30:00.000Z", // +2 h
    "2026-11-24T09:30:00.000Z", // +4 h = 15:00
    "2026-11-25T03:30:00.000Z", // +6 h = 21:00, outside the window: carried to 09:00
  ]);
  expect(body.attempts[0].reason).toBe("carried over to the window start 09:00 Asia/Kolkata");

  const bad = await api.get("/api/v1/schedule/preview?created_at=yesterday&num_of_retries=11");
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.details.map((d: { field: string }) => d.field)).toEqual(["created_at", "num_of_retries"]);
});

test("provider status reports must be verified", async ({ request }) => {
  const forged = await request.post(`/api/call/status/simulator?agent_id=${agentId}`, {
    data: {
      type: "call.ended",
      callId: "sim_x",
      attemptId: "att_x",
      outcome: "completed",
      detail: "",
      retryable: false,
      endedAt: new Date().toISOString(),
    },
  });
  expect(forged.status()).toBe(401);
  const unknown = await request.post("/api/call/status/twilio?agent_id=x", { data: {} });
  expect(unknown.status()).toBe(404);
});
