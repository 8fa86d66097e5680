import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

// Standard Webhooks (standardwebhooks.com): the three headers, `whsec_`-prefixed base64 secrets, and
// `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">` signatures, space-separated when there are several.
export const SECRET_PREFIX = "whsec_";
/** How far a webhook-timestamp may be from the receiver's clock, either way, before a signature is refused. */
export const TIMESTAMP_TOLERANCE_SECONDS = 5 * 60;

export type SignedHeaders = { "webhook-id": string; "webhook-timestamp": string; "webhook-signature": string };

/** A new signing secret: 32 random bytes, base64, with the `whsec_` prefix receivers' libraries expect. */
export function newSigningSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString("base64");
}

function secretKey(secret: string): Buffer {
  const key = Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, "base64");
  if (key.length === 0) throw new Error("The signing secret is empty");
  return key;
}

function signature(secret: string, id: string, timestamp: number, body: string): string {
  return createHmac("sha256", secretKey(secret)).update(`${id}.${timestamp}.${body}`, "utf8").digest("base64");
}

/** The headers of one post: `timestamp` is whole seconds since the epoch, taken fresh for every try and replay. */
export function signWebhook(input: { secret: string; id: string; timestamp: number; body: string }): SignedHeaders {
  return {
    "webhook-id": input.id,
    "webhook-timestamp": String(input.timestamp),
    "webhook-signature": `v1,${signature(input.secret, input.id, input.timestamp, input.body)}`,
  };
}

export type Verdict = { ok: true } | { ok: false; reason: string };

/**
 * What a receiver does with a post: checks the timestamp is within the tolerance of `now` and that one of the
 * `v1,` signatures is the HMAC of the exact body bytes received. Exported for the README's reference receiver.
 */
export function verifyWebhook(input: {
  secret: string;
  headers: { get(name: string): string | null };
  body: string;
  now: Date;
  toleranceSeconds?: number;
}): Verdict {
  const id = input.headers.get("webhook-id");
  const stamp = input.headers.get("webhook-timestamp");
  const signatures = input.headers.get("webhook-signature");
  if (!id || !stamp || !signatures) return { ok: false, reason: "missing webhook-id, webhook-timestamp or webhook-signature" };
  if (!/^\d+$/.test(stamp)) return { ok: false, reason: "webhook-timestamp is not whole seconds" };
  const timestamp = Number(stamp);
  const tolerance = input.toleranceSeconds ?? TIMESTAMP_TOLERANCE_SECONDS;
  if (Math.abs(Math.floor(input.now.getTime() / 1000) - timestamp) > tolerance) {
    return { ok: false, reason: `webhook-timestamp is more than ${tolerance} s from now` };
  }
  const expected = Buffer.from(signature(input.secret, id, timestamp, input.body), "base64");
  const match = signatures.split(" ").some((entry) => {
    const [version, value] = entry.split(",", 2);
    if (version !== "v1" || !value) return false;
    const given = Buffer.from(value, "base64");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return match ? { ok: true } : { ok: false, reason: "no v1 signature matches" };
}
