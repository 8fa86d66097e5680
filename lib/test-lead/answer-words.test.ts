import { describe, expect, it } from "vitest";
import { summariseTestLead, untilWords, whenWords } from "./answer-words";

describe("whenWords", () => {
  const now = new Date("2026-12-05T23:42:00Z"); // 05:12 in Kolkata
  it("says a carried-over call in the window's zone and the viewer's, with the wait and the reason", () => {
    expect(
      whenWords({
        at: "2026-12-06T03:30:00Z",
        now,
        callZone: "Asia/Kolkata",
        viewerZone: "Europe/London",
        reason: "carried over to the window start 09:00 Asia/Kolkata",
      }),
    ).toBe(
      "The call will be placed Sun 09:00 Asia/Kolkata, Sun 03:30 your time (Europe/London), in 3 h 48 min (carried over to the window start 09:00 Asia/Kolkata).",
    );
  });

  it("says once when both zones agree, and 'now' for a call already due", () => {
    expect(whenWords({ at: "2026-12-06T03:30:00Z", now, callZone: "UTC", viewerZone: "UTC", reason: null })).toBe(
      "The call will be placed Sun 03:30 UTC, in 3 h 48 min.",
    );
    expect(
      whenWords({
        at: now.toISOString(),
        now,
        callZone: "UTC",
        viewerZone: "UTC",
        reason: "called immediately: inside the calling window",
      }),
    ).toBe("The call is being placed now (called immediately: inside the calling window).");
  });

  it.each([
    [30_000, "under a minute"],
    [45 * 60_000, "45 min"],
    [2 * 3_600_000, "2 h"],
    [26 * 3_600_000, "1 day 2 h"],
  ])("%i ms is %s", (ms, words) => expect(untilWords(ms)).toBe(words));
});

describe("summariseTestLead", () => {
  it("gives a rejected lead's reason", () => {
    const answer = {
      Status: "Error",
      StatusReason: "x",
      results: [{ crmId: "t", status: "rejected", reason: 'No variable is named "phone"' }],
    };
    expect(summariseTestLead({ httpStatus: 200, answer, leadStatus: "rejected" })).toEqual({
      tone: "bad",
      headline: "Rejected: no call will be placed.",
      detail: 'No variable is named "phone"',
    });
  });

  it("gives a refused request's message", () => {
    const answer = { error: { code: "invalid_api_key", message: "The API key is not valid." } };
    expect(summariseTestLead({ httpStatus: 401, answer, leadStatus: null })).toEqual({
      tone: "bad",
      headline: "The webhook refused the request (HTTP 401).",
      detail: "The API key is not valid.",
    });
  });

  it("calls an accepted lead scheduled", () => {
    expect(summariseTestLead({ httpStatus: 200, answer: {}, leadStatus: "accepted" }).headline).toBe("Accepted: a call is scheduled.");
  });
});
