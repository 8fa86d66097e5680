// Read in the browser: the answer is whatever the webhook sent, so each key is checked before use.
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

export type TestLeadAnswer = {
  httpStatus: number;
  answer: unknown;
  leadStatus: string | null;
};

export type TestLeadSummary = { tone: "good" | "bad" | "neutral"; headline: string; detail: string | null };

/** "3 h 48 min", "2 days 4 h", "under a minute". */
export function untilWords(ms: number): string {
  if (ms < 60_000) return "under a minute";
  const minutes = Math.round(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (days > 0) return `${days} day${days === 1 ? "" : "s"}${h ? ` ${h} h` : ""}`;
  return h > 0 ? `${h} h${m ? ` ${m} min` : ""}` : `${m} min`;
}

const clock = (iso: string, zone: string) =>
  new Intl.DateTimeFormat("en-GB", { timeZone: zone, weekday: "short", hour: "2-digit", minute: "2-digit" }).format(new Date(iso));

/**
 * When the first call is placed, said in the calling window's zone and in the viewer's own, with the planner's reason
 * ("carried over to the window start 09:00 Asia/Kolkata").
 */
export function whenWords(input: { at: string; now: Date; callZone: string; viewerZone: string; reason: string | null }): string {
  const wait = new Date(input.at).getTime() - input.now.getTime();
  const why = input.reason ? ` (${input.reason})` : "";
  if (wait < 60_000) return `The call is being placed now${why}.`;
  const there = `${clock(input.at, input.callZone)} ${input.callZone}`;
  const here = input.viewerZone === input.callZone ? "" : `, ${clock(input.at, input.viewerZone)} your time (${input.viewerZone})`;
  return `The call will be placed ${there}${here}, in ${untilWords(wait)}${why}.`;
}

function refusal(answer: unknown): string | null {
  if (!isRecord(answer)) return null;
  if (isRecord(answer.error) && typeof answer.error.message === "string") return answer.error.message;
  return typeof answer.StatusReason === "string" ? answer.StatusReason : null;
}

function leadReason(answer: unknown): string | null {
  const first = isRecord(answer) && Array.isArray(answer.results) ? (answer.results[0] as unknown) : null;
  return isRecord(first) && typeof first.reason === "string" ? first.reason : null;
}

/** The webhook's answer to a test lead in words: what became of the lead, and why when it did not become a call. */
export function summariseTestLead(result: TestLeadAnswer): TestLeadSummary {
  if (result.httpStatus >= 400) {
    return { tone: "bad", headline: `The webhook refused the request (HTTP ${result.httpStatus}).`, detail: refusal(result.answer) };
  }
  const reason = leadReason(result.answer);
  switch (result.leadStatus) {
    case "accepted":
      return { tone: "good", headline: "Accepted: a call is scheduled.", detail: null };
    case "rejected":
      return { tone: "bad", headline: "Rejected: no call will be placed.", detail: reason ?? refusal(result.answer) };
    case "duplicate":
      return { tone: "neutral", headline: "Already received: this lead has a call already, so no new one.", detail: null };
    case "ignored":
      return { tone: "neutral", headline: "Ignored: this event does not start a call.", detail: reason };
    default:
      return {
        tone: "bad",
        headline: `The webhook answered HTTP ${result.httpStatus} with no lead result.`,
        detail: refusal(result.answer),
      };
  }
}
