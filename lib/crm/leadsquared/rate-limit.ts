export type Clock = { now(): number; sleep(ms: number): Promise<void> };

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Every endpoint page's 429 row: "API calls exceeded the limit of 25 in 5 second(s)" (api-facts §1.4). */
export const LEADSQUARED_CALLS_PER_WINDOW = 25;
export const LEADSQUARED_WINDOW_MS = 5_000;
// LeadSquared counts calls as they arrive, we count them as they leave; the margin absorbs network jitter.
export const LEADSQUARED_SAFETY_MARGIN_MS = 250;

export type RateLimiter = {
  /**
   * Resolves when the caller may send one request; waiters are served in arrival order. A limiter that learns from
   * late answers resolves to a function the caller calls once the CRM answered (or the request failed).
   */
  acquire(): Promise<void | (() => Promise<void>)>;
};

/**
 * A sliding window: at most `limit` slots start within any `windowMs`. Each caller reserves its slot at once (the
 * earliest time the window allows), then sleeps until then, so a burst is spread exactly and in order.
 */
export function createRateLimiter(options: { limit: number; windowMs: number; clock?: Clock }): RateLimiter {
  const { limit, windowMs, clock = systemClock } = options;
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError("limit must be a positive integer");
  // The start times of the last `limit` slots handed out, oldest first; they never decrease.
  const recent: number[] = [];
  return {
    acquire() {
      const now = clock.now();
      const oldest = recent.length < limit ? undefined : recent[recent.length - limit];
      const slot = oldest === undefined ? now : Math.max(now, oldest + windowMs);
      recent.push(slot);
      if (recent.length > limit) recent.shift();
      return slot > now ? clock.sleep(slot - now) : Promise.resolve();
    },
  };
}

/**
 * One limiter per LeadSquared account (the limit is per account, not per user key). Per process: the durable
 * workflow that reads leads is the only caller, so a shared store would add a dependency for nothing.
 * Plans below Enterprise have lower limits (Lite 2, Pro 5, … per 5 s; api-facts §1.4): pass `limit` for those.
 */
export function createAccountLimiters(options: { limit?: number; windowMs?: number; clock?: Clock } = {}) {
  const {
    limit = LEADSQUARED_CALLS_PER_WINDOW,
    windowMs = LEADSQUARED_WINDOW_MS + LEADSQUARED_SAFETY_MARGIN_MS,
    clock = systemClock,
  } = options;
  const limiters = new Map<string, RateLimiter>();
  return {
    forAccount(accountKey: string): RateLimiter {
      let limiter = limiters.get(accountKey);
      if (!limiter) {
        limiter = createRateLimiter({ limit, windowMs, clock });
        limiters.set(accountKey, limiter);
      }
      return limiter;
    },
  };
}
