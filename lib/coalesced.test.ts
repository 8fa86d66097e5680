import { describe, expect, it } from "vitest";
import { coalesced } from "./coalesced";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("coalesced", () => {
  it("never runs twice at once; calls during a run share the one next run", async () => {
    let running = 0;
    let most = 0;
    let runs = 0;
    const request = coalesced(async () => {
      runs++;
      most = Math.max(most, ++running);
      await sleep(30);
      running--;
    });
    const first = request();
    await sleep(5);
    await Promise.all([first, request(), request(), request()]);
    expect(runs).toBe(2);
    expect(most).toBe(1);
  });

  it("starts a run no sooner than the gap after the last start, and the calls that wait for it share it", async () => {
    const starts: number[] = [];
    const request = coalesced(async () => void starts.push(Date.now()), 50);
    await request();
    const waiting = [request(), request()];
    await sleep(10);
    await Promise.all([...waiting, request()]);
    expect(starts).toHaveLength(2);
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(45);
    // Long after the gap, a call runs at once.
    await sleep(60);
    const before = Date.now();
    await request();
    expect(starts[2]! - before).toBeLessThan(20);
  });
});
