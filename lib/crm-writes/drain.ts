import "server-only";
import type pg from "pg";
import { createPgRateLimiter, type BudgetSpec } from "@/lib/crm/rate-budget";
import type { RateLimiter } from "@/lib/crm/leadsquared/rate-limit";
import { pool as defaultPool } from "@/lib/db";
import type { CrmWriteStatus, Prisma } from "@/lib/generated/prisma/client";
import { splitForBulk } from "./bulk-split";
import { backoffMs, MAX_TRIES } from "./backoff";
import { drainSoon } from "./driver";
import { judge } from "./errors";
import { BULK_HANDLERS, GIVE_UP_HANDLERS, WRITE_HANDLERS } from "./handlers";
import type { BulkHandler, BulkItemResult, CrmWrite, WriteContext, WriteHandler } from "./types";

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

type Outcome = "written" | "retried" | "failed";
/** How one claim of a row ends: the row's next state and what is stored with it (`response` undefined: kept). */
type Finish = { write: CrmWrite; status: "written" | "pending" | "failed"; runAt: Date | null; error: string | null; response: unknown };

/**
 * Runs every due write: `pending` ones whose time came, and `running` ones whose lease passed (their process died).
 * Rows are claimed with SKIP LOCKED and leased in one statement, so drains in several processes never run a row at
 * once; each outcome is recorded only by the claim that ran it (the `tries` it was claimed with fences a stale one).
 * An account's rows beyond what its single budget sends in a window go in bulk calls where their kind has one
 * (BULK_HANDLERS, bulk-split.ts); each row of a bulk call still ends on its own.
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
    // Oldest first, so an account's oldest rows take its single slots and the newest fill the bulk calls.
    const claimed = rows.map(toWrite).sort((a, b) => a.runAt.getTime() - b.runAt.getTime() || a.id.localeCompare(b.id));
    const { singles, groups } = splitForBulk(claimed, BULK_HANDLERS);
    const outcomes = await Promise.all([
      ...singles.map((w) => runOne(pool, w, opts, now)),
      ...groups.map((g) => runBulk(pool, g, BULK_HANDLERS[g[0]!.kind]!, opts, now)),
    ]);
    for (const o of outcomes.flat()) total[o]++;
    if (rows.length < batch || Date.now() - started >= (opts.maxMs ?? 50_000)) return total;
  }
}

const context = (pool: pg.Pool, account: string | null, now: () => Date): WriteContext => ({
  now,
  limiter: (spec: BudgetSpec) => (account ? createPgRateLimiter({ pool, account, spec }) : unpaced),
});

const failed = (write: CrmWrite, error: string): Finish => ({ write, status: "failed", runAt: null, error, response: undefined });

/** A row claimed past its last try: the previous claim never finished (a crash mid-write), and it does not get more. */
function worn(write: CrmWrite, opts: DrainOptions): Finish | null {
  const maxTries = opts.maxTries ?? MAX_TRIES;
  return write.tries > maxTries
    ? failed(write, `${write.lastError ?? "The write did not finish"} (gave up after ${maxTries} tries)`)
    : null;
}

async function runOne(pool: pg.Pool, write: CrmWrite, opts: DrainOptions, now: () => Date): Promise<Outcome[]> {
  const handler = (opts.handlers ?? WRITE_HANDLERS)[write.kind];
  const early = worn(write, opts);
  if (early) return record(pool, [early], now);
  if (!handler) return record(pool, [failed(write, `No handler for writes of kind "${write.kind}".`)], now);
  let result: BulkItemResult;
  try {
    result = await handler(write, context(pool, write.account, now));
  } catch (error) {
    result = { error };
  }
  return record(pool, [settle(write, result, opts, now)], now);
}

/** One bulk call for rows of one kind and account; every row's outcome is recorded in one statement after it. */
async function runBulk(pool: pg.Pool, writes: CrmWrite[], handler: BulkHandler, opts: DrainOptions, now: () => Date): Promise<Outcome[]> {
  const ended = writes.flatMap((w) => worn(w, opts) ?? []);
  const live = writes.filter((w) => !worn(w, opts));
  let results: BulkItemResult[] = [];
  if (live.length) {
    try {
      results = await handler.send(live, context(pool, live[0]!.account, now));
    } catch (error) {
      results = live.map(() => ({ error }));
    }
  }
  return record(pool, [...ended, ...live.map((w, i) => settle(w, results[i]!, opts, now))], now);
}

/** A handler's result as the row's end: written, or by judge(): retried after its backoff, or failed. */
function settle(write: CrmWrite, result: BulkItemResult, opts: DrainOptions, now: () => Date): Finish {
  if (!("error" in result)) {
    const response = result.note === undefined ? result.response : { ...(asObject(result.response) ?? {}), note: result.note };
    return { write, status: "written", runAt: null, error: null, response: response ?? null };
  }
  const verdict = judge(result.error);
  if (!verdict.retry || write.tries >= (opts.maxTries ?? MAX_TRIES)) {
    const error = verdict.retry ? `${verdict.message} (gave up after ${write.tries} tries)` : verdict.message;
    return { write, status: "failed", runAt: null, error, response: verdict.response };
  }
  const runAt = new Date(now().getTime() + backoffMs(write.tries, verdict.retryAfterMs, opts.random));
  return { write, status: "pending", runAt, error: verdict.message, response: verdict.response };
}

/**
 * Records the claims' ends in one statement, each only if its claim is still the row's current one. A crash before it
 * leaves the rows running: after their lease they run again, like any write whose process died mid-call.
 */
async function record(pool: pg.Pool, finishes: Finish[], now: () => Date): Promise<Outcome[]> {
  for (const f of finishes) if (f.status === "failed") await GIVE_UP_HANDLERS[f.write.kind]?.(f.write, f.error!);
  await pool.query(
    `UPDATE crm_writes w SET status = f.status::"CrmWriteStatus", run_at = COALESCE(f.run_at, w.run_at), lease_until = NULL,
       last_error = f.error, response = COALESCE(f.response::jsonb, w.response), updated_at = $7
     FROM unnest($1::text[], $2::int[], $3::text[], $4::timestamptz[], $5::text[], $6::text[]) AS f(id, tries, status, run_at, error, response)
     WHERE w.id = f.id AND w.status = 'running' AND w.tries = f.tries`,
    [
      finishes.map((f) => f.write.id),
      finishes.map((f) => f.write.tries),
      finishes.map((f) => f.status),
      finishes.map((f) => f.runAt),
      finishes.map((f) => f.error),
      finishes.map((f) => (f.response === undefined ? null : JSON.stringify(f.response))),
      now(),
    ],
  );
  return finishes.map((f) => (f.status === "pending" ? "retried" : f.status));
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
