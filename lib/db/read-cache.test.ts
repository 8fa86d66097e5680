import { Worker } from "node:worker_threads";
import { describe, expect, it, vi } from "vitest";
import { readCache } from "@/lib/db/read-cache";

function clocked(ttlMs: number, maxEntries?: number) {
  let now = 0;
  const cache = readCache<string, { v: number } | null>({ ttlMs, maxEntries, now: () => now });
  let reads = 0;
  const source = new Map<string, number>([
    ["a", 1],
    ["b", 2],
    ["c", 3],
  ]);
  const get = (key: string) => cache.get(key, async () => (reads++, source.has(key) ? { v: source.get(key)! } : null));
  return { cache, get, source, reads: () => reads, advance: (ms: number) => void (now += ms) };
}

describe("readCache", () => {
  it("serves a found row until its time is up, then reads it again", async () => {
    const c = clocked(2_000);
    expect(await c.get("a")).toEqual({ v: 1 });
    c.source.set("a", 10);
    c.advance(1_999);
    expect(await c.get("a")).toEqual({ v: 1 });
    c.advance(1);
    expect(await c.get("a")).toEqual({ v: 10 });
    expect(c.reads()).toBe(2);
  });

  it("never keeps a miss, so a row created since is found at once", async () => {
    const c = clocked(2_000);
    expect(await c.get("new")).toBeNull();
    c.source.set("new", 5);
    expect(await c.get("new")).toEqual({ v: 5 });
  });

  it("forgets matching entries at once", async () => {
    const c = clocked(2_000);
    await c.get("a");
    await c.get("b");
    c.source.set("a", 10).set("b", 20);
    c.cache.forget((key) => key === "a");
    expect(await c.get("a")).toEqual({ v: 10 });
    expect(await c.get("b")).toEqual({ v: 2 });
  });

  it("does not keep a row read before a write that forgot it", async () => {
    const cache = readCache<string, string>({ ttlMs: 2_000 });
    let release!: (v: string) => void;
    const slow = cache.get("k", () => new Promise((r) => (release = r)));
    cache.forget(() => true);
    release("before the write");
    expect(await slow).toBe("before the write");
    expect(await cache.get("k", async () => "after the write")).toBe("after the write");
  });

  it("holds at most maxEntries, dropping the oldest", async () => {
    const c = clocked(2_000, 2);
    await c.get("a");
    await c.get("b");
    await c.get("c");
    expect(c.reads()).toBe(3);
    await c.get("b");
    await c.get("c");
    expect(c.reads()).toBe(3);
    await c.get("a");
    expect(c.reads()).toBe(4);
  });

  it("shares one read among concurrent misses of a key, and reads again once it settled", async () => {
    const c = clocked(2_000);
    const burst = await Promise.all([c.get("a"), c.get("a"), c.get("a"), c.get("b")]);
    expect(burst).toEqual([{ v: 1 }, { v: 1 }, { v: 1 }, { v: 2 }]);
    expect(c.reads()).toBe(2);
    c.advance(2_000);
    await Promise.all([c.get("a"), c.get("a")]);
    expect(c.reads()).toBe(3);
  });

  it("does not join a read that started before a write", async () => {
    const cache = readCache<string, string>({ ttlMs: 2_000 });
    let release!: (v: string) => void;
    const slow = cache.get("k", () => new Promise((r) => (release = r)));
    cache.forget(() => true);
    const fresh = cache.get("k", async () => "after the write");
    release("before the write");
    expect([await slow, await fresh]).toEqual(["before the write", "after the write"]);
  });

  it("shares a failed read with those waiting on it, then tries again", async () => {
    const cache = readCache<string, string>({ ttlMs: 2_000 });
    let reads = 0;
    const failing = () => (reads++, Promise.reject(new Error("connection reset")));
    const both = await Promise.allSettled([cache.get("k", failing), cache.get("k", failing)]);
    expect(both.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(await cache.get("k", async () => (reads++, "back"))).toBe("back");
    expect(reads).toBe(2);
  });

  it("drops every entry when a copy shared under its name forgets, and only then", async () => {
    const mine = readCache<string, string>({ ttlMs: 60_000, sharedAs: "test-agents" });
    const theirs = readCache<string, string>({ ttlMs: 60_000, sharedAs: "test-agents" });
    const other = readCache<string, string>({ ttlMs: 60_000, sharedAs: "test-keys" });
    await mine.get("a", async () => "old a");
    await mine.get("b", async () => "old b");
    await other.get("a", async () => "old key");
    theirs.forget((key) => key === "a");
    await vi.waitFor(async () => expect(await mine.get("b", async () => "new b")).toBe("new b"));
    expect(await mine.get("a", async () => "new a")).toBe("new a");
    expect(await other.get("a", async () => "new key")).toBe("old key");
  });

  it("hears a forget from another thread", async () => {
    const cache = readCache<string, string>({ ttlMs: 60_000, sharedAs: "test-thread" });
    await cache.get("a", async () => "old");
    const thread = new Worker(
      `const { BroadcastChannel } = require("node:worker_threads");
       const peers = new BroadcastChannel("leadline:read-cache:test-thread");
       peers.postMessage(null);
       peers.close();`,
      { eval: true },
    );
    await new Promise((resolve) => thread.once("exit", resolve));
    await vi.waitFor(async () => expect(await cache.get("a", async () => "new")).toBe("new"));
  });
});
