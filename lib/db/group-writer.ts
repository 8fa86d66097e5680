/**
 * Group commit for one hot write: callers queue items, and each flight writes every queued item that can share it
 * in one statement. A lone caller flies at once (no timer, no added latency); under load, one round trip and one
 * commit serve many callers. Items whose keys meet in a flight wait for the next one, for writes (such as an upsert)
 * that may touch a row only once per statement. If a shared flight fails, its items are written one by one, so only
 * the item at fault fails and the others are still answered.
 *
 * Hand-written: batching loaders (DataLoader and kin) batch by event-loop tick and know nothing of keys that must not
 * meet or of isolating a failed item.
 */
export function groupWriter<I, O>(opts: {
  /** Writes the items in one statement and returns one result per item, in order. */
  write: (items: I[]) => Promise<O[]>;
  /** Keys two items of one flight may not share. */
  keys: (item: I) => Iterable<string>;
  /** Flights at once: more keeps connections busy, fewer makes bigger flights. */
  maxFlights: number;
  maxItems: number;
}): (item: I) => Promise<O> {
  type Waiting = { item: I; keys: string[]; resolve: (out: O) => void; reject: (err: unknown) => void };
  let queue: Waiting[] = [];
  let flights = 0;

  function board(): Waiting[] {
    const taken = new Set<string>();
    const flight: Waiting[] = [];
    const left: Waiting[] = [];
    for (const w of queue) {
      if (flight.length < opts.maxItems && !w.keys.some((k) => taken.has(k))) {
        flight.push(w);
        for (const k of w.keys) taken.add(k);
      } else left.push(w);
    }
    queue = left;
    return flight;
  }

  async function fly(flight: Waiting[]) {
    try {
      const out = await opts.write(flight.map((w) => w.item));
      flight.forEach((w, i) => w.resolve(out[i]!));
    } catch (err) {
      if (flight.length === 1) return flight[0]!.reject(err);
      await Promise.all(flight.map((w) => opts.write([w.item]).then(([out]) => w.resolve(out!), w.reject)));
    }
  }

  function depart() {
    while (flights < opts.maxFlights && queue.length) {
      flights++;
      void fly(board()).finally(() => {
        flights--;
        depart();
      });
    }
  }

  return (item) =>
    new Promise<O>((resolve, reject) => {
      queue.push({ item, keys: [...opts.keys(item)], resolve, reject });
      depart();
    });
}
