import { describe, expect, it } from "vitest";
import { createAccountLimiters, createRateLimiter, type Clock, type RateLimiter } from "./rate-limit";

/** A clock that only moves when the test says so; sleepers wake in time order. */
function manualClock(start = 0) {
  let t = start;
  const sleepers: { at: number; wake: () => void }[] = [];
  const clock: Clock = {
    now: () => t,
    sleep: (ms) => new Promise<void>((wake) => sleepers.push({ at: t + ms, wake })),
  };
  return {
    clock,
    async advanceTo(to: number) {
      t = to;
      sleepers.sort((a, b) => a.at - b.at);
      while (sleepers[0] && sleepers[0].at <= to) sleepers.shift()!.wake();
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

/** Starts `count` acquires now and lets the ones that need no wait resolve; records [call index, time granted]. */
async function burst(limiter: RateLimiter, clock: Clock, count: number, granted: [number, number][], offset = 0) {
  for (let i = 0; i < count; i++) void limiter.acquire().then(() => granted.push([offset + i, clock.now()]));
  await new Promise((resolve) => setImmediate(resolve));
}

describe("createRateLimiter", () => {
  it("spreads a burst of 60 so that no 5 s window holds more than 25, in call order", async () => {
    const { clock, advanceTo } = manualClock();
    const limiter = createRateLimiter({ limit: 25, windowMs: 5_000, clock });
    const granted: [number, number][] = [];
    await burst(limiter, clock, 60, granted);
    expect(granted.length).toBe(25);
    await advanceTo(4_999);
    expect(granted.length).toBe(25);
    await advanceTo(5_000);
    expect(granted.length).toBe(50);
    await advanceTo(10_000);
    expect(granted.map(([i]) => i)).toEqual([...Array(60).keys()]);
    expect(granted.map(([, at]) => at)).toEqual([...Array(25).fill(0), ...Array(25).fill(5_000), ...Array(10).fill(10_000)]);
  });

  it("is a sliding window, not a fixed one: a slot frees exactly windowMs after it was used", async () => {
    const { clock, advanceTo } = manualClock();
    const limiter = createRateLimiter({ limit: 25, windowMs: 5_000, clock });
    const granted: [number, number][] = [];
    await burst(limiter, clock, 20, granted);
    await advanceTo(3_000);
    await burst(limiter, clock, 5, granted, 20);
    await advanceTo(5_000);
    await burst(limiter, clock, 21, granted, 25);
    await advanceTo(7_999);
    expect(granted.length).toBe(45);
    await advanceTo(8_000);
    expect(granted.slice(25).map(([, at]) => at)).toEqual([...Array(20).fill(5_000), 8_000]);
  });

  it("does not delay calls that are already spaced out", async () => {
    const { clock, advanceTo } = manualClock(1_000);
    const limiter = createRateLimiter({ limit: 2, windowMs: 1_000, clock });
    const granted: [number, number][] = [];
    for (const at of [1_000, 1_600, 2_100, 2_700]) {
      await advanceTo(at);
      await burst(limiter, clock, 1, granted);
      await advanceTo(at);
    }
    expect(granted.map(([, at]) => at)).toEqual([1_000, 1_600, 2_100, 2_700]);
  });

  it("refuses a limit that is not a positive integer", () => {
    expect(() => createRateLimiter({ limit: 0, windowMs: 1_000 })).toThrow(RangeError);
    expect(() => createRateLimiter({ limit: 2.5, windowMs: 1_000 })).toThrow(RangeError);
  });
});

describe("createAccountLimiters", () => {
  it("keeps one limiter per account, 25 per 5 s plus a 250 ms margin for network jitter", async () => {
    const { clock, advanceTo } = manualClock();
    const limiters = createAccountLimiters({ clock });
    expect(limiters.forAccount("acme")).toBe(limiters.forAccount("acme"));
    const acme: [number, number][] = [];
    const globex: [number, number][] = [];
    await burst(limiters.forAccount("acme"), clock, 26, acme);
    await burst(limiters.forAccount("globex"), clock, 25, globex);
    await advanceTo(5_249);
    expect([acme.length, globex.length]).toEqual([25, 25]);
    await advanceTo(5_250);
    expect(acme.at(-1)).toEqual([25, 5_250]);
  });

  it("takes a lower plan's limit", async () => {
    const { clock, advanceTo } = manualClock();
    const granted: [number, number][] = [];
    await burst(createAccountLimiters({ clock, limit: 2 }).forAccount("lite"), clock, 3, granted);
    await advanceTo(5_250);
    expect(granted.map(([, at]) => at)).toEqual([0, 0, 5_250]);
  });
});
