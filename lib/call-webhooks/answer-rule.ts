/** What one post's HTTP answer means for the delivery. */
export type PostVerdict =
  | { kind: "delivered" }
  | { kind: "retry"; reason: string; retryAfterMs?: number }
  | { kind: "refused"; reason: string }
  | { kind: "gone"; reason: string };

/**
 * 2xx delivered; 408, 429 and 5xx tried again later (Retry-After honoured); 410 Gone turns the endpoint off; any other
 * answer (a redirect, which is never followed, or a 4xx) is a refusal that trying again would not change.
 */
export function judgeAnswer(answer: { status: number; retryAfterMs?: number }): PostVerdict {
  const { status } = answer;
  if (status >= 200 && status < 300) return { kind: "delivered" };
  if (status === 410) return { kind: "gone", reason: "The receiver answered 410 Gone, so Leadline turned this webhook off." };
  if (status === 408 || status === 429 || status >= 500) {
    return { kind: "retry", reason: `The receiver answered ${status}.`, retryAfterMs: answer.retryAfterMs };
  }
  if (status >= 300 && status < 400) {
    return {
      kind: "refused",
      reason: `The receiver answered ${status} (a redirect); Leadline does not follow redirects: set the final URL.`,
    };
  }
  return { kind: "refused", reason: `The receiver refused the post with ${status}; fix the receiver, then replay it.` };
}
