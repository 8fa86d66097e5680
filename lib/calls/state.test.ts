import { describe, expect, it } from "vitest";
import { parseScheduleParams } from "@/lib/schedule/parse-schedule-params";
import type { Outcome, ScheduleParams } from "@/lib/schedule/types";
import { deadlineOf, decideAfterAttempt, DIAL_IN_FLIGHT_MS, transition, TRANSITIONS, type TaskEvent } from "./state";

function params(input: Record<string, string>): ScheduleParams {
  const parsed = parseScheduleParams(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return parsed.params;
}

const dialedAt = new Date("2026-01-15T06:00:00Z"); // 11:30 in Kolkata
const decide = (p: ScheduleParams, outcome: Outcome, attemptsMade: number, retryable = true) =>
  decideAfterAttempt({ params: p, zone: "Asia/Kolkata", attemptsMade, maxAttempts: 1 + p.retries, outcome, retryable, dialedAt });

describe("decideAfterAttempt, the one retry rule", () => {
  const two = params({ num_of_retries: "2", gap_between_retries: "1,3" });

  it("finishes completed on an answered call, whatever is left", () => {
    expect(decide(two, "completed", 1)).toEqual({ kind: "finish", status: "completed", why: "the call connected" });
  });

  it("retries a retryable outcome after that retry's gap from the previous dial", () => {
    expect(decide(two, "no_answer", 1)).toMatchObject({ kind: "retry", at: new Date("2026-01-15T07:00:00Z") });
    expect(decide(two, "busy", 2)).toMatchObject({ kind: "retry", at: new Date("2026-01-15T09:00:00Z") });
  });

  it("fails once every attempt was used", () => {
    expect(decide(two, "no_answer", 3)).toEqual({ kind: "finish", status: "failed", why: "all 3 attempts were used" });
    expect(decide(params({}), "failed", 1)).toEqual({ kind: "finish", status: "failed", why: "all 1 attempts were used" });
  });

  it("honours retry_on, and a provider's 'pointless' over it", () => {
    const busyOnly = params({ num_of_retries: "2", gap_between_retries: "1,1", retry_on: "busy" });
    expect(decide(busyOnly, "no_answer", 1)).toEqual({ kind: "finish", status: "failed", why: "retry_on does not include no_answer" });
    expect(decide(busyOnly, "busy", 1).kind).toBe("retry");
    expect(decide(two, "failed", 1, false)).toEqual({
      kind: "finish",
      status: "failed",
      why: "the provider said another try cannot succeed",
    });
  });

  it("moves a retry that falls outside the window to the next window start when carrying over", () => {
    const windowed = params({
      min_trigger_time: "09:00",
      max_trigger_time: "12:00",
      carry_over: "true",
      num_of_retries: "1",
      gap_between_retries: "2",
    });
    expect(decide(windowed, "no_answer", 1)).toMatchObject({ kind: "retry", at: new Date("2026-01-16T03:30:00Z") });
  });
});

describe("the transition table", () => {
  it("moves each event only from its own states", () => {
    expect(transition("scheduled", "claimed")).toBe("dialing");
    expect(transition("dialing", "dialed")).toBe("in_progress");
    expect(transition("in_progress", "ended", "scheduled")).toBe("scheduled");
    expect(transition("dialing", "dial_failed", "failed")).toBe("failed");
    expect(transition("failed", "retry_now")).toBe("scheduled");
    // A stale or repeated step: nothing to do.
    expect(transition("in_progress", "claimed")).toBeNull();
    expect(transition("dialing", "cancelled")).toBeNull();
    expect(transition("completed", "ended", "failed")).toBeNull();
  });

  it("refuses a decision the event cannot lead to", () => {
    expect(() => transition("in_progress", "ended", "cancelled")).toThrow(/cannot lead to cancelled/);
  });

  it("never leaves a final state except by retry now", () => {
    const leaving = (Object.keys(TRANSITIONS) as TaskEvent[]).filter((e) =>
      TRANSITIONS[e].from.some((s) => s === "completed" || s === "failed" || s === "cancelled"),
    );
    expect(leaving).toEqual(["retry_now"]);
  });
});

describe("deadlineOf: every open state has one", () => {
  const updatedAt = new Date("2030-01-01T00:00:00Z");
  it("is the planned time, the claim plus the dial's time in flight, or the dial plus the outcome timeout", () => {
    const next = new Date("2030-01-02T00:00:00Z");
    expect(deadlineOf({ status: "scheduled", nextAttemptAt: next, updatedAt }, null, 1000)).toEqual(next);
    expect(deadlineOf({ status: "resolving", nextAttemptAt: null, updatedAt }, null, 1000)).toEqual(updatedAt);
    expect(deadlineOf({ status: "dialing", nextAttemptAt: null, updatedAt }, null, 1000)).toEqual(
      new Date(updatedAt.getTime() + DIAL_IN_FLIGHT_MS),
    );
    expect(deadlineOf({ status: "in_progress", nextAttemptAt: null, updatedAt }, { dialedAt: next }, 1000)).toEqual(
      new Date(next.getTime() + 1000),
    );
    expect(deadlineOf({ status: "completed", nextAttemptAt: null, updatedAt }, null, 1000)).toBeNull();
  });
});
