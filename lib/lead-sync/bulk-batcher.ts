import "server-only";
import { CrmError, type LeadAttribute, type LeadSquaredClient } from "@/lib/crm/leadsquared/client";
import type { RateLimiter } from "@/lib/crm/leadsquared/rate-limit";
import { BULK_MAX_LEADS, BULK_MAX_UPDATES } from "./write-mode";

const RATE_LIMIT_TRIES = 3;

/** A lead write that can go through a bulk call: a new lead (Lead/Bulk/Create) or a found one (Lead/Bulk/UpdateV2). */
export type BulkWrite = { kind: "create"; attributes: LeadAttribute[] } | { kind: "update"; leadId: string; attributes: LeadAttribute[] };
/** The lead written (or refused) by a bulk call; or `single`: too few leads were left for a bulk call to pay. */
export type Written = (({ id: string } | { error: string }) & { url: string }) | { single: true };
type Waiting = { write: BulkWrite; tries: number; settle: (written: Written) => void; fail: (err: unknown) => void };
type Queue = { account: string; waiting: Waiting[]; flushing: boolean; wake: (() => void) | null };

// One queue per destination account and kind of write in this process: every job's leads wait here for the account's
// next bulk slot. Both kinds take their slots from the one bulk budget.
const queues = new Map<string, Queue>();
// Per account, the rows of this process still searching leads that may join a bulk call.
const feeders = new Map<string, number>();

function wakeQueues(account: string) {
  for (const queue of queues.values()) if (queue.account === account) queue.wake?.();
}

function feed(account: string, by: 1 | -1) {
  const left = (feeders.get(account) ?? 0) + by;
  if (left > 0) feeders.set(account, left);
  else feeders.delete(account);
  if (by < 0) wakeQueues(account);
}

/**
 * A row starts searching leads whose writes may go through the account's bulk queues. While rows are searching, a
 * flusher waits (at most one bulk window) for a full call before taking a slot: a slot spent on the first few leads
 * holds the rest a whole window. `idle` marks a wait of the row's (for an earlier write) as not searching; `done`, its
 * last lead handed over.
 */
export function feedBulk(account: string) {
  let feeding = true;
  feed(account, 1);
  const stop = () => {
    if (feeding) feed(account, -1);
    feeding = false;
  };
  return {
    async idle<T>(wait: Promise<T>): Promise<T> {
      stop();
      try {
        return await wait;
      } finally {
        feeding = true;
        feed(account, 1);
      }
    },
    done: stop,
  };
}

/**
 * Writes a lead through the account's shared bulk queue for its kind: one flusher per account and kind waits for a
 * bulk-budget slot and only then takes the leads waiting (up to the call's maximum), so each bulk call carries every
 * lead that became ready while it waited, from any job. The client must not pace itself; `bulkLimiter` paces the
 * flushers.
 */
export function writeThroughBulk(input: {
  account: string;
  client: LeadSquaredClient;
  bulkLimiter: RateLimiter;
  /** The bulk budget's window: the longest a flusher waits for a full call. */
  bulkWindowMs: number;
  /** Whether a bulk call of this many leads moves more of them per budget than single calls would. */
  worthBulk: (leads: number) => boolean;
  write: BulkWrite;
}): Promise<Written> {
  const key = `${input.write.kind} ${input.account}`;
  const queue = queues.get(key) ?? { account: input.account, waiting: [], flushing: false, wake: null };
  queues.set(key, queue);
  const done = new Promise<Written>((settle, fail) => queue.waiting.push({ write: input.write, tries: 0, settle, fail }));
  queue.wake?.();
  if (!queue.flushing) void flush(key, queue, input);
  return done;
}

/** The next call's leads in arrival order; an update of a lead already in the call waits for the next, so order holds. */
function take(queue: Queue): Waiting[] {
  const batch: Waiting[] = [];
  const leads = new Set<string>();
  for (let i = 0; i < queue.waiting.length && batch.length < maxPerCall(queue.waiting[i]!.write);) {
    const { write } = queue.waiting[i]!;
    if (write.kind === "update" && leads.has(write.leadId)) i++;
    else {
      if (write.kind === "update") leads.add(write.leadId);
      batch.push(...queue.waiting.splice(i, 1));
    }
  }
  return batch;
}

const maxPerCall = (write: BulkWrite) => (write.kind === "create" ? BULK_MAX_LEADS : BULK_MAX_UPDATES);

function send(client: LeadSquaredClient, batch: Waiting[]) {
  const writes = batch.map((w) => w.write);
  return writes[0]!.kind === "create"
    ? client.createLeadsBulk(writes.map((w) => w.attributes))
    : client.updateLeadsBulk(writes.map((w) => ({ leadId: (w as { leadId: string }).leadId, attributes: w.attributes })));
}

/** Until the next call would be full, no row of the account is still searching, or `ms` passed. */
async function fillOrWait(queue: Queue, ms: number) {
  const until = Date.now() + ms;
  const full = () => queue.waiting.length >= maxPerCall(queue.waiting[0]!.write);
  while (!full() && feeders.has(queue.account) && Date.now() < until) {
    await new Promise<void>((resume) => {
      const timer = setTimeout(resume, until - Date.now());
      queue.wake = () => (clearTimeout(timer), resume());
    });
    queue.wake = null;
  }
}

async function flush(key: string, queue: Queue, { client, bulkLimiter, bulkWindowMs, worthBulk }: Parameters<typeof writeThroughBulk>[0]) {
  queue.flushing = true;
  try {
    while (queue.waiting.length) {
      await fillOrWait(queue, bulkWindowMs);
      // The last few leads, with no row searching more: single calls move them sooner than a bulk slot would.
      if (!feeders.has(queue.account) && !worthBulk(queue.waiting.length)) {
        for (const w of queue.waiting.splice(0)) w.settle({ single: true });
        continue;
      }
      const answered = await bulkLimiter.acquire();
      const batch = take(queue);
      try {
        const { results, url } = await send(client, batch).finally(() => typeof answered === "function" && answered());
        batch.forEach((w, i) => w.settle({ ...results[i]!, url }));
      } catch (err) {
        // A 429 waits for the next bulk slot (a few times); any other failure goes back to each job's row to retry.
        const again = err instanceof CrmError && err.kind === "rate_limited" ? batch.filter((w) => ++w.tries <= RATE_LIMIT_TRIES) : [];
        for (const w of batch) if (!again.includes(w)) w.fail(err);
        queue.waiting.unshift(...again);
      }
    }
  } finally {
    queue.flushing = false;
    if (!queue.waiting.length) queues.delete(key);
  }
}
