/** Tries before a write is given up as failed; with BASE_MS doubling they span about an hour. */
export const MAX_TRIES = 8;
export const BASE_MS = 30_000;
export const CAP_MS = 30 * 60_000;

/**
 * How long after its `tries`-th failed try a write runs again: 30 s doubling to at most 30 min (30 s … 32 min over 7
 * waits, about 64 min in all), ±20 % jitter so rows that failed together do not return together, and never before the
 * CRM's own Retry-After.
 */
export function backoffMs(tries: number, retryAfterMs?: number, random: () => number = Math.random): number {
  const exp = Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, tries - 1));
  const jittered = Math.round(exp * (0.8 + 0.4 * random()));
  return Math.max(jittered, retryAfterMs ?? 0);
}
