import { describe, expect, it } from "vitest";
import { attemptDurationSeconds, callEndedPayload, type CallEndedFacts } from "./payload";

const facts: CallEndedFacts = {
  task: {
    id: "call_abc",
    status: "scheduled",
    source: "leadsquared",
    crmLeadId: "lsq-42",
    leadName: "Asha Rao",
    phone: "+919876543210",
    attemptsMade: 1,
    maxAttempts: 3,
    nextAttemptAt: new Date("2026-12-06T10:30:00Z"),
    finishedAt: null,
  },
  attempt: {
    id: "att_abc_1",
    number: 1,
    outcome: "no_answer",
    outcomeDetail: "customer-did-not-answer",
    error: null,
    provider: "simulator",
    providerCallId: "sim_1",
    dialedAt: new Date("2026-12-06T10:00:00.000Z"),
    endedAt: new Date("2026-12-06T10:00:42.600Z"),
  },
  agent: { id: "agt_1", name: "Sales" },
};
const now = new Date("2026-12-06T10:01:00Z");

describe("callEndedPayload", () => {
  it("describes one ended attempt, with the next try and a link to the call", () => {
    expect(callEndedPayload({ ...facts, final: false, publicUrl: "https://leadline.example.com", now })).toEqual({
      type: "call.attempt_ended",
      timestamp: "2026-12-06T10:00:42.600Z",
      data: {
        call: {
          id: "call_abc",
          status: "scheduled",
          final: false,
          attemptsMade: 1,
          maxAttempts: 3,
          nextAttemptAt: "2026-12-06T10:30:00.000Z",
          url: "https://leadline.example.com/calls/call_abc",
        },
        agent: { id: "agt_1", name: "Sales" },
        attempt: {
          id: "att_abc_1",
          number: 1,
          outcome: "no_answer",
          outcomeDetail: "customer-did-not-answer",
          error: null,
          provider: "simulator",
          providerCallId: "sim_1",
          dialedAt: "2026-12-06T10:00:00.000Z",
          endedAt: "2026-12-06T10:00:42.600Z",
          durationSeconds: 43,
        },
        lead: { source: "leadsquared", crmLeadId: "lsq-42", name: "Asha Rao", phone: "+919876543210" },
        summary: null,
        transcript: null,
        recordingUrl: null,
      },
    });
  });

  it("marks the final outcome, dated when the call finished, with no next try", () => {
    const finished = { ...facts.task, status: "completed", nextAttemptAt: null, finishedAt: new Date("2026-12-06T10:00:43Z") };
    const attempt = { ...facts.attempt, outcome: "completed", summary: "Wants a demo", recordingUrl: "https://rec.example/1.mp3" };
    const payload = callEndedPayload({ ...facts, task: finished, attempt, final: true, publicUrl: "http://localhost:3000/", now });
    expect(payload.type).toBe("call.ended");
    expect(payload.timestamp).toBe("2026-12-06T10:00:43.000Z");
    expect(payload.data.call).toMatchObject({
      status: "completed",
      final: true,
      nextAttemptAt: null,
      url: "http://localhost:3000/calls/call_abc",
    });
    expect(payload.data).toMatchObject({ summary: "Wants a demo", transcript: null, recordingUrl: "https://rec.example/1.mp3" });
  });

  it("carries no lead fields beyond the reference, and nothing secret", () => {
    const text = JSON.stringify(callEndedPayload({ ...facts, final: false, publicUrl: "https://x.example", now }));
    expect(Object.keys(JSON.parse(text).data.lead)).toEqual(["source", "crmLeadId", "name", "phone"]);
    expect(text).not.toMatch(/variables|fields|secret/i);
  });
});

describe("attemptDurationSeconds", () => {
  it.each([
    ["never dialled", { dialedAt: null, endedAt: now }, null],
    ["still on the line", { dialedAt: now, endedAt: null }, null],
    ["rounded to the second", { dialedAt: new Date(0), endedAt: new Date(1499) }, 1],
    ["never negative across a clock step", { dialedAt: new Date(5000), endedAt: new Date(1000) }, 0],
  ])("%s", (_name, attempt, expected) => {
    expect(attemptDurationSeconds(attempt)).toBe(expected);
  });
});
