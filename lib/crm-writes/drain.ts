import "server-only";
import type pg from "pg";
import { createPgRateLimiter, type BudgetSpec } from "@/lib/crm/rate-budget";
import type { RateLimiter } from "@/lib/crm/leadsquared/rate-limit";
import { pool as defaultPool } from "@/lib/db";
import type { CrmWriteStatus, Prisma } from "@/lib/generated/prisma/client";
import { backoffMs, MAX_TRIES } from "./backoff";
import { drainSoon } from "./driver";
import { judge } from "./errors";
import { GIVE_UP_HANDLERS, WRITE_HANDLERS } from "./handlers";
import type { CrmWrite, WriteHandler } from "./types";

export type DrainOptions = {
  /** The connections this drain uses (a test passes its own to stand for another process). */
  pool?: pg.Pool;
  handlers?: Record<string, WriteHandler>;
  now?: () => Date;
  /** Rows claimed per statement; their handlers run at once, paced by their accounts' budgets. */
  batch?: number;
  /** How long a claimed row is this drain's; past it the row is due again (the process died). */
  leaseMs?: number;
  maxTries?: number;
  /** A drain stops claiming after this long; the clock or the cron runs the rest. */
  maxMs?: number;
  random?: () => number;
};

export const DEFAULT_BATCH = 50;
// Covers a full batch waiting for its account's budget (50 rows × 2 calls at 25 per 5 s is 20 s) and the CRM's timeouts.
export const LEASE_MS = 5 * 60_000;

export type DrainResult = { claimed: number; written: number; retried: number; failed: number };

type Row = {
  id: string;
  org_id: string;
  kind: string;
  account: string | null;
  dedupe_key: string;
  task_id: string | null;
  attempt_id: string | null;
  ref: string | null;
  payload: Prisma.JsonValue;
  status: CrmWriteStatus;
  tries: number;
  run_at: Date;
  lease_until: Date | null;
  last_error: string | null;
  response: Prisma.JsonValue;
  created_at: Date;
  updated_at: Date;
};

const toWrite = (r: Row): CrmWrite => ({
  id: r.id,
  orgId: r.org_id,
  kind: r.kind,
  account: r.account,
  dedupeKey: r.dedupe_key,
  taskId: r.task_id,
  attemptId: r.attempt_id,
  ref: r.ref,
  payload: r.payload,
  status: r.status,
  tries: r.tries,
  runAt: r.run_at,
  leaseUntil: r.lease_until,
  lastError: r.last_error,
  response: r.response,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const unpaced: RateLimiter = { acquire: async () => {} };

/**
 * Runs every due write: `pending` ones whose time came, and `running` ones whose lease passed (their process died).
 * Rows are claimed with SKIP LOCKED and leased in one statement, so drains in several processes never run a row at
 * once; each outcome is recorded only by the claim that ran it (the `tries` it was claimed with fences a stale one).
 */
export async function drainWrites(opts: DrainOptions = {}): Promise<DrainResult> {
  const pool = opts.pool ?? defaultPool();
  const now = opts.now ?? (() => new Date());
  const batch = opts.batch ?? DEFAULT_BATCH;
  const started = Date.now();
  const total: DrainResult = { claimed: 0, written: 0, retried: 0, failed: 0 };
  for (;;) {
    const claimedAt = now();
    const { rows } = await pool.query<Row>(
      `UPDATE crm_writes SET status = 'running', tries = tries + 1, lease_until = $2, updated_at = $1
       WHERE id IN (SELECT id FROM crm_writes
         WHERE (status = 'pending' AND run_at <= $1) OR (status = 'running' AND lease_until < $1)
         ORDER BY run_at LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING *`,
      [claimedAt, new Date(claimedAt.getTime() + (opts.leaseMs ?? LEASE_MS)), batch],
    );
    total.claimed += rows.length;
    const outcomes = await Promise.all(rows.map((r) => runOne(pool, toWrite(r), opts, now)));
    for (const o of outcomes) total[o]++;
    if (rows.length < batch || Date.now() - started >= (opts.maxMs ?? 50_000)) return total;
  }
}

async function runOne(pool: pg.Pool, write: CrmWrite, opts: DrainOptions, now: () => Date): Promise<"written" | "retried" | "failed"> {
  const maxTries = opts.maxTries ?? MAX_TRIES;
  const handler = (opts.handlers ?? WRITE_HANDLERS)[write.kind];
  const finish = (status: CrmWriteStatus, fields: { runAt?: Date; error: string | null; response?: unknown }) =>
    pool.query(
      `UPDATE crm_writes SET status = $3, run_at = COALESCE($4, run_at), lease_until = NULL, last_error = $5,
         response = COALESCE($6::jsonb, response), updated_at = $7
       WHERE id = $1 AND status = 'running' AND tries = $2`,
      [
        write.id,
        write.tries,
        status,
        fields.runAt ?? null,
        fields.error,
        fields.response === undefined ? null : JSON.stringify(fields.response),
        now(),
      ],
    );
  const giveUp = async (error: string, response?: unknown) => {
    await GIVE_UP_HANDLERS[write.kind]?.(write, error);
    await finish("failed", { error, response });
    return "failed" as const;
  };
  // Claimed past its last try: the previous claim never finished (a crash mid-write), and it does not get more.
  if (write.tries > maxTries) return giveUp(`${write.lastError ?? "The write did not finish"} (gave up after ${maxTries} tries)`);
  if (!handler) return giveUp(`No handler for writes of kind "${write.kind}".`);
  const limiter = (spec: BudgetSpec): RateLimiter =>
    write.account ? createPgRateLimiter({ pool, account: write.account, spec }) : unpaced;
  try {
    const result = await handler(write, { now, limiter });
    const response = result.note === undefined ? result.response : { ...(asObject(result.response) ?? {}), note: result.note };
    await finish("written", { error: null, response: response ?? null });
    return "written";
  } catch (err) {
    const verdict = judge(err);
    if (!verdict.retry || write.tries >= maxTries) {
      return giveUp(verdict.retry ? `${verdict.message} (gave up after ${write.tries} tries)` : verdict.message, verdict.response);
    }
    const runAt = new Date(now().getTime() + backoffMs(write.tries, verdict.retryAfterMs, opts.random));
    await finish("pending", { runAt, error: verdict.message, response: verdict.response });
    return "retried";
  }
}

function asObject(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/**
 * Puts a failed (or cancelled) write of this organisation back in the queue, due now, with its tries reset: the
 * dashboard's Retry. Returns false when there is no such row or it is not failed. Asks for a drain.
 */
export async function retryWrite(orgId: string, id: string, opts: { pool?: pg.Pool } = {}): Promise<boolean> {
  const { rowCount } = await (opts.pool ?? defaultPool()).query(
    `UPDATE crm_writes SET status = 'pending', tries = 0, run_at = now(), lease_until = NULL, updated_at = now()
     WHERE id = $1 AND org_id = $2 AND status IN ('failed', 'cancelled')`,
    [id, orgId],
  );
  if (rowCount) drainSoon();
  return Boolean(rowCount);
}
