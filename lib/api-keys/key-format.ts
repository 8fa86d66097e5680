import { createHash, timingSafeEqual } from "node:crypto";
import { randomToken } from "@/lib/ids";

const KEY_PATTERN = /^ll_([0-9a-z]{12})_([0-9a-z]{32})$/;

export type GeneratedApiKey = { key: string; prefix: string; secretHash: string };

export function hashKeySecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/**
 * `ll_<prefix>_<secret>`: the prefix is stored in clear to find the row and to show in lists;
 * only a hash of the secret is stored. The secret has ~165 bits of entropy, so a fast hash is enough.
 */
export function generateApiKey(): GeneratedApiKey {
  const prefix = randomToken(12);
  const secret = randomToken(32);
  return { key: `ll_${prefix}_${secret}`, prefix, secretHash: hashKeySecret(secret) };
}

export function parseApiKey(key: string): { prefix: string; secret: string } | null {
  const match = KEY_PATTERN.exec(key.trim());
  return match ? { prefix: match[1]!, secret: match[2]! } : null;
}

export function secretMatches(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashKeySecret(secret), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

/** What lists show instead of the key: enough to recognise it, nothing to use. */
export function displayPrefix(prefix: string): string {
  return `ll_${prefix}_…`;
}
