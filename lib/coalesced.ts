/**
 * `run`, never twice at once: a call while it runs gets the next run, which one call or many share. A run starts no
 * sooner than `gapMs` after the previous one started, and calls while it waits share it: under a stream of calls
 * (a report every few milliseconds) each run serves a batch instead of one call each.
 */
export function coalesced(run: () => Promise<void>, gapMs = 0): () => Promise<void> {
  let current: Promise<void> | null = null;
  let started = false;
  let next: Promise<void> | null = null;
  let lastStart = -Infinity;
  const start = (): Promise<void> => {
    const wait = lastStart + gapMs - Date.now();
    started = false;
    current = (wait > 0 ? new Promise<void>((resolve) => setTimeout(resolve, wait)) : Promise.resolve())
      .then(() => {
        started = true;
        lastStart = Date.now();
        return run();
      })
      .finally(() => (current = null));
    return current;
  };
  const request = (): Promise<void> => {
    if (!current) return start();
    if (!started) return current;
    next ??= current.then(() => {
      next = null;
      return request();
    });
    return next;
  };
  return request;
}
