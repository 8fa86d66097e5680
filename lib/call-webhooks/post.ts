import "server-only";
import { judgeAnswer, type PostVerdict } from "@/lib/call-webhooks/answer-rule";
import { signWebhook } from "@/lib/call-webhooks/signature";
import { retryAfterMs, transportError } from "@/lib/http/fetch-json";
import { redactBody, redactQuery } from "@/lib/redact";

export const POST_TIMEOUT_MS = 10_000;
const EXCERPT_BYTES = 1024;

/** What the delivery log keeps of one post: never the secret or the signature, and at most 1 KB of the answer. */
export type PostRecord = {
  url: string;
  status: number | null;
  durationMs: number;
  timestamp: number;
  body: string | null;
  error: string | null;
};

function loggedUrl(raw: string): string {
  const url = new URL(raw);
  const query = new URLSearchParams(redactQuery(url.searchParams));
  return `${url.origin}${url.pathname}${query.size ? `?${query}` : ""}`;
}

async function excerpt(res: Response): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < EXCERPT_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.length;
  }
  // A receiver that streams a large page should not hold the worker: stop reading at the cap.
  await reader.cancel().catch(() => undefined);
  return redactBody(Buffer.concat(chunks).toString("utf8"), EXCERPT_BYTES).body;
}

/**
 * Posts one signed event: a fresh webhook-timestamp and signature on every try, the same webhook-id and body bytes.
 * Redirects are not followed. Returns what the answer means and what to log; never throws for the receiver's trouble.
 */
export async function postCallWebhook(input: {
  url: string;
  eventId: string;
  body: string;
  secret: string;
  now: () => Date;
  timeoutMs?: number;
}): Promise<{ verdict: PostVerdict; record: PostRecord }> {
  const timeoutMs = input.timeoutMs ?? POST_TIMEOUT_MS;
  const started = input.now();
  const timestamp = Math.floor(started.getTime() / 1000);
  const headers = signWebhook({ secret: input.secret, id: input.eventId, timestamp, body: input.body });
  const record = (status: number | null, body: string | null, error: string | null): PostRecord => ({
    url: loggedUrl(input.url),
    status,
    durationMs: Math.max(0, input.now().getTime() - started.getTime()),
    timestamp,
    body,
    error,
  });
  const url = new URL(input.url);
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json", "user-agent": "Leadline-Webhooks/1" },
      body: input.body,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await excerpt(res);
    const verdict = judgeAnswer({ status: res.status, retryAfterMs: retryAfterMs(res.headers) });
    return { verdict, record: record(res.status, text, verdict.kind === "delivered" ? null : verdict.reason) };
  } catch (err) {
    const failure = transportError(err, url, { service: "The webhook receiver", timeoutMs });
    return { verdict: { kind: "retry", reason: failure.message }, record: record(null, null, failure.message) };
  }
}
