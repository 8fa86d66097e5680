import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "x-leadline-signature";

/** `sha256=<hex HMAC-SHA256 of the raw body>`, the value of SIGNATURE_HEADER. */
export function signBody(secret: string, rawBody: string): string {
  return `sha256=${createHmac("sha256", secret).update(rawBody).digest("hex")}`;
}

/** Constant-time comparison; hashing both sides first keeps the length of the secret out of the timing too. */
export function secretsMatch(presented: string, expected: string): boolean {
  const a = createHash("sha256").update(presented).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

export function signatureMatches(secret: string, rawBody: string, header: string | null): boolean {
  return header !== null && secretsMatch(header.trim(), signBody(secret, rawBody));
}

/** A missing secret is our own misconfiguration, not a forged request, so it must not look like a 401. */
export function requireWebhookSecret(credentials: Record<string, string>, provider: string): string {
  const secret = credentials.webhookSecret;
  if (!secret) throw new Error(`${provider}: no webhookSecret was given to verify status webhooks with`);
  return secret;
}
