import "server-only";
import { callsWhereSql } from "@/lib/calls/filters";
import { bucketOutcomes, chartRange } from "@/lib/calls/outcome-days";
import type { CallFilters } from "@/lib/calls/schema";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

/** Calls per day (in the organisation's zone) by last outcome, for Call History's chart: one grouped query. */
export async function outcomesPerDay(orgId: string, filters: CallFilters, now = new Date()) {
  const { timezone } = await db.organization.findUniqueOrThrow({ where: { id: orgId }, select: { timezone: true } });
  const range = chartRange({ from: filters.from, to: filters.to, now, zone: timezone });
  const rows = await db.$queryRaw<Array<{ day: string; outcome: string | null; count: number }>>(Prisma.sql`
    SELECT day::text AS day, outcome::text AS outcome, count(*)::int AS count
    FROM (SELECT (created_at AT TIME ZONE ${timezone})::date AS day, last_outcome AS outcome FROM call_tasks WHERE ${callsWhereSql(orgId, filters, range)}) AS calls
    GROUP BY day, outcome`);
  return { timezone, days: bucketOutcomes(range.days, rows) };
}
