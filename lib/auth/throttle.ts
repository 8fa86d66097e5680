import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";

export const MAX_FAILURES = 10;
export const FAILURE_WINDOW_MS = 15 * 60_000;
const FIRST_LOCK_MS = 30_000;

export type ThrottleScope = "sign_in" | "setup";

/**
 * How long to wait after `failures` recent failures, the newest at `lastAt`: nothing below the limit, then 30 s doubling
 * with each further failure, never beyond the window. Failures older than the window are forgotten, so a lock lasts at
 * most 15 minutes after the last failure and the real user is never shut out for good.
 */
export function lockedUntil(failures: number, lastAt: Date): Date | null {
  if (failures < MAX_FAILURES) return null;
  const lockMs = Math.min(FAILURE_WINDOW_MS, FIRST_LOCK_MS * 2 ** (failures - MAX_FAILURES));
  return new Date(lastAt.getTime() + lockMs);
}

/** Emails are kept only as a hash: the table says how often someone failed, not who they tried to be. */
export function throttleSubjects(input: { email?: string | null; address?: string | null }): string[] {
  const email = input.email?.trim().toLowerCase();
  return [
    ...(email ? [`email:${createHash("sha256").update(email).digest("hex")}`] : []),
    ...(input.address ? [`address:${input.address}`] : []),
  ];
}

/** The caller's address: the hop our own proxy (or Next itself) added last to X-Forwarded-For. */
export function clientAddress(headers: Headers): string | null {
  const hops = (headers.get("x-forwarded-for") ?? "").split(",").map((h) => h.trim());
  return hops.filter(Boolean).at(-1) ?? null;
}

/** How an attempt ended: a wrong password counts; a success forgets the email's failures; "void" (never checked) is dropped. */
export type AttemptOutcome = "failed" | "succeeded" | "void";
export type Attempt = { retryAfterSeconds: number } | { release: (outcome: AttemptOutcome) => Promise<void> };

/**
 * Starts an attempt: refused while any subject is locked, else counted as a failure at once (so parallel guesses
 * see each other) until `release` says otherwise.
 */
export async function beginAttempt(scope: ThrottleScope, subjects: string[], now = new Date()): Promise<Attempt> {
  const since = new Date(now.getTime() - FAILURE_WINDOW_MS);
  await db.authFailure.deleteMany({ where: { scope, subject: { in: subjects }, createdAt: { lt: since } } });
  const inserted = await Promise.all(subjects.map((subject) => db.authFailure.create({ data: { scope, subject, createdAt: now } })));
  const ids = inserted.map((r) => r.id);
  const earlier = await db.authFailure.groupBy({
    by: ["subject"],
    where: { scope, subject: { in: subjects }, createdAt: { gte: since }, id: { notIn: ids } },
    _count: { _all: true },
    _max: { createdAt: true },
  });
  const until = earlier
    .map((g) => lockedUntil(g._count._all, g._max.createdAt!))
    .filter((d): d is Date => d !== null && d > now)
    .sort((a, b) => b.getTime() - a.getTime())[0];
  if (until) {
    // A refused attempt is not a failure: waiting out Retry-After is always enough.
    await db.authFailure.deleteMany({ where: { id: { in: ids } } });
    return { retryAfterSeconds: Math.ceil((until.getTime() - now.getTime()) / 1000) };
  }
  return {
    release: async (outcome) => {
      if (outcome === "failed") return;
      // Only the email's record is cleared: one good password must not wipe an address's failures on other accounts.
      const emails = outcome === "succeeded" ? subjects.filter((s) => s.startsWith("email:")) : [];
      await db.authFailure.deleteMany({ where: { scope, OR: [{ id: { in: ids } }, { subject: { in: emails } }] } });
    },
  };
}
