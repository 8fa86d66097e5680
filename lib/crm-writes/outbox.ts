import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Tx } from "@/lib/db";
import { newId } from "@/lib/ids";

export { drainSoon } from "./driver";

export type NewWrite = {
  orgId: string;
  /** The handler that runs it (handlers.ts). */
  kind: string;
  /** The rate-budget key, e.g. `leadsquared:<integrationId>`; none: the write shares no budget. */
  account?: string | null;
  /** Queueing a write with a key already present does nothing, whatever the first row's state. */
  dedupeKey: string;
  taskId?: string | null;
  attemptId?: string | null;
  ref?: string | null;
  payload: Prisma.InputJsonValue;
  /** When it is first due; now when left out. */
  runAt?: Date;
};

type Sql = Pick<Tx, "$executeRaw">;

/**
 * Queues writes in the caller's transaction, one statement for any number; after the commit the caller calls
 * drainSoon(). A duplicate dedupe key is skipped, so a step that runs twice queues each write once.
 */
export async function enqueueWrites(tx: Sql, writes: NewWrite[]): Promise<void> {
  if (!writes.length) return;
  await tx.$executeRaw`${insertWrites(writes, Prisma.sql`TRUE`)}`;
}

/**
 * The INSERT of enqueueWrites as SQL for a statement of the caller's own: only the writes whose task `taskFilter`
 * (a condition on `w.task_id`) lets through, e.g. the tasks an UPDATE in the same statement moved.
 */
export function insertWrites(writes: NewWrite[], taskFilter: Prisma.Sql): Prisma.Sql {
  const now = new Date();
  return Prisma.sql`INSERT INTO crm_writes (id, org_id, kind, account, dedupe_key, task_id, attempt_id, ref, payload, run_at, updated_at)
    SELECT id, org_id, kind, account, dedupe_key, task_id, attempt_id, ref, payload::jsonb, run_at, ${now}::timestamptz
    FROM unnest(${writes.map(() => newId("cw"))}::text[], ${writes.map((w) => w.orgId)}::text[], ${writes.map((w) => w.kind)}::text[],
      ${writes.map((w) => w.account ?? null)}::text[], ${writes.map((w) => w.dedupeKey)}::text[], ${writes.map((w) => w.taskId ?? null)}::text[],
      ${writes.map((w) => w.attemptId ?? null)}::text[], ${writes.map((w) => w.ref ?? null)}::text[],
      ${writes.map((w) => JSON.stringify(w.payload))}::text[], ${writes.map((w) => w.runAt ?? now)}::timestamptz[])
      AS w(id, org_id, kind, account, dedupe_key, task_id, attempt_id, ref, payload, run_at)
    WHERE ${taskFilter}
    ON CONFLICT (dedupe_key) DO NOTHING`;
}
