import type { BudgetSpec } from "@/lib/crm/rate-budget";
import type { BulkKind } from "./bulk-split";
import type { RateLimiter } from "@/lib/crm/leadsquared/rate-limit";
import type { CrmWrite } from "@/lib/generated/prisma/client";

export type { CrmWrite };

/** What a handler gets besides its row: the clock, and the row's account budget (a no-op when the row has none). */
export type WriteContext = { now: () => Date; limiter: (spec: BudgetSpec) => RateLimiter };

/**
 * Runs one write. Returning is success; throw WriteRetry for trouble that may pass, WriteRefused for a refusal that
 * will not (errors.ts). `response` is stored on the row (redacted by the handler: no credentials, short excerpts).
 */
export type WriteHandler = (write: CrmWrite, ctx: WriteContext) => Promise<{ response?: unknown; note?: string }>;

/**
 * What a kind owes its own records when the pipeline gives up on one of its rows (out of tries, or its last try died
 * with its process), so nothing of its stays open. Runs before the row is marked failed, so a crash in between runs it
 * again: it must be idempotent.
 */
export type GiveUpHandler = (write: CrmWrite, reason: string) => Promise<void>;

/** One row's part of a bulk call's answer: what its own handler would have returned, or the error it alone met. */
export type BulkItemResult = { response?: unknown; note?: string } | { error: unknown };

/**
 * Sends several rows of one kind and account in one call (bulk-split.ts decides which). Returns each row's result in
 * the order given; a throw is the whole call's trouble (429, 5xx, a timeout), judged for every row alike.
 */
export type BulkHandler = BulkKind & { send: (writes: CrmWrite[], ctx: WriteContext) => Promise<BulkItemResult[]> };
