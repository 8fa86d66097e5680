/**
 * Sets `key` in a Map used as a memo of at most `max` entries, dropping the oldest entry to make room (a Map iterates
 * in insertion order). Hand-written: an LRU package would be a dependency for one line, and these memos need no recency.
 */
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  if (!map.has(key) && map.size >= max) map.delete(map.keys().next().value as K);
  map.set(key, value);
}
