import "server-only";
import { enqueueWrites } from "@/lib/crm-writes/outbox";
import type { Tx } from "@/lib/db";
import type { LeadSyncJob } from "@/lib/generated/prisma/client";

/** Leads per pipeline row: a delivery of 500 leads is ten rows, run side by side within the destination's budget. */
export const LEADS_PER_WRITE = 50;

export const LEAD_SYNC_KIND = "lead_sync";

export type LeadSyncWritePayload = { jobId: string; run: number; from: number; to: number };

/**
 * Queues a job's run on the CRM write pipeline inside the caller's transaction (the caller calls drainSoon() after
 * the commit). The run number is in the dedupe key, so a retry queues fresh rows and a repeat of one run queues none.
 */
export async function queueSyncRun(tx: Tx, input: { job: Pick<LeadSyncJob, "id" | "orgId" | "runs" | "leadCount">; account: string }) {
  const { job, account } = input;
  const writes = [];
  for (let from = 0; from < Math.max(1, job.leadCount); from += LEADS_PER_WRITE) {
    const payload: LeadSyncWritePayload = { jobId: job.id, run: job.runs, from, to: Math.min(job.leadCount, from + LEADS_PER_WRITE) };
    writes.push({
      orgId: job.orgId,
      kind: LEAD_SYNC_KIND,
      account,
      dedupeKey: `${LEAD_SYNC_KIND}:${job.id}:${job.runs}:${from}`,
      ref: job.id,
      payload,
    });
  }
  await enqueueWrites(tx, writes);
}
