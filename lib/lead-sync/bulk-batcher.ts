import "server-only";
import { CrmError, type LeadAttribute, type LeadSquaredClient } from "@/lib/crm/leadsquared/client";
import type { RateLimiter } from "@/lib/crm/leadsquared/rate-limit";
import { BULK_MAX_LEADS } from "./write-mode";

const RATE_LIMIT_TRIES = 3;

type Created = ({ id: string } | { error: string }) & { url: string };
type Waiting = { attributes: LeadAttribute[]; tries: number; settle: (created: Created) => void; fail: (err: unknown) => void };
type Queue = { waiting: Waiting[]; flushing: boolean };

// One queue per destination account in this process: every job's new leads wait here for the account's next bulk slot.
const queues = new Map<string, Queue>();

/**
 * Creates a lead through the account's shared bulk queue: one flusher per account waits for a bulk-budget slot and
 * only then takes up to 50 waiting leads, so each bulk call carries every lead that became ready while it waited,
 * from any job. The client must not pace itself; `bulkLimiter` paces the flusher.
 */
export function createThroughBulk(input: {
  account: string;
  client: LeadSquaredClient;
  bulkLimiter: RateLimiter;
  attributes: LeadAttribute[];
}): Promise<Created> {
  const queue = queues.get(input.account) ?? { waiting: [], flushing: false };
  queues.set(input.account, queue);
  const done = new Promise<Created>((settle, fail) => queue.waiting.push({ attributes: input.attributes, tries: 0, settle, fail }));
  if (!queue.flushing) void flush(input.account, queue, input.client, input.bulkLimiter);
  return done;
}

async function flush(account: string, queue: Queue, client: LeadSquaredClient, limiter: RateLimiter) {
  queue.flushing = true;
  try {
    while (queue.waiting.length) {
      await limiter.acquire();
      const batch = queue.waiting.splice(0, BULK_MAX_LEADS);
      try {
        const { results, url } = await client.createLeadsBulk(batch.map((w) => w.attributes));
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
    if (!queue.waiting.length) queues.delete(account);
  }
}
