import { z } from "zod";

/** The paging and time-range parameters every list endpoint shares (newest first, keyset cursor). */
export const pageQueryShape = {
  from: z.iso.datetime({ offset: true, message: "from is an ISO 8601 instant, e.g. 2026-11-23T00:00:00Z" }).optional(),
  to: z.iso.datetime({ offset: true, message: "to is an ISO 8601 instant, e.g. 2026-11-24T00:00:00Z" }).optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(100, "limit is at most 100").default(50),
};

/** The Prisma condition for from (inclusive) and to (exclusive) on createdAt. */
export function createdBetween(from?: string, to?: string) {
  if (!from && !to) return {};
  return { createdAt: { ...(from ? { gte: new Date(from) } : {}), ...(to ? { lt: new Date(to) } : {}) } };
}
