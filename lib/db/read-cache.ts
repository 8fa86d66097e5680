import { BroadcastChannel } from "node:worker_threads";
import { setBounded } from "@/lib/bounded-map";

/**
 * A per-process memo of rows read on a hot path (the CRM webhook reads the same key and agent for every lead).
 * Entries live `ttlMs`; a write in this process forgets its entries at once, other processes see it after the TTL.
 * Only what was found is kept, so a flood of unknown ids neither fills memory nor hides a row created since.
 * Concurrent misses of one key share one read: when an entry expires under a burst, the burst waits for one query
 * instead of sending one each (and growing the connection pool to serve them).
 * With `sharedAs`, copies of the cache under that name elsewhere in this process (the job thread's, lib/jobs/boot.ts)
 * drop every entry when this one forgets, so a write on either thread counts at once on both.
 */
export function readCache<K, V>(opts: { ttlMs: number; sharedAs?: string; maxEntries?: number; now?: () => number }) {
  const entries = new Map<K, { value: V; expires: number }>();
  const now = opts.now ?? (() => Date.now());
  const max = opts.maxEntries ?? 1000;
  const reading = new Map<K, { generation: number; value: Promise<V | null> }>();
  // Bumped by forget(): a read that started before a write must neither put the old row back nor be joined.
  let generation = 0;
  const dropAll = () => {
    generation++;
    entries.clear();
  };
  const peers = opts.sharedAs ? new BroadcastChannel(`leadline:read-cache:${opts.sharedAs}`) : undefined;
  if (peers) {
    peers.onmessage = dropAll;
    // A cache must never be what keeps a process or a test worker alive.
    peers.unref();
  }
  async function read(key: K, load: () => Promise<V | null>): Promise<V | null> {
    const started = generation;
    const value = await load();
    entries.delete(key);
    if (value !== null && started === generation) setBounded(entries, key, { value, expires: now() + opts.ttlMs }, max);
    return value;
  }
  return {
    get(key: K, load: () => Promise<V | null>): Promise<V | null> {
      const hit = entries.get(key);
      if (hit && hit.expires > now()) return Promise.resolve(hit.value);
      const shared = reading.get(key);
      if (shared && shared.generation === generation) return shared.value;
      const mine = { generation, value: read(key, load).finally(() => reading.get(key) === mine && reading.delete(key)) };
      reading.set(key, mine);
      return mine.value;
    },
    forget(match: (key: K, value: V) => boolean): void {
      generation++;
      for (const [key, { value }] of entries) if (match(key, value)) entries.delete(key);
      peers?.postMessage(null);
    },
  };
}
