import "server-only";
import { Temporal } from "temporal-polyfill";
import { callsWhereSql } from "@/lib/calls/filters";
import { bucketOutcomes, chartRange } from "@/lib/calls/outcome-days";
import type { CallFilters } from "@/lib/calls/schema";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

/** Calls per day (in the organisation's zone) by last outcome, for Call History's chart: one grouped query. */
export async function outcomesPerDay(orgId: string, filters: CallFilters, now = new Date()) {
  const org = await db.organization.findUniqueOrThrow({ where: { id: orgId }, select: { timezone: true, defaultCountryCode: true } });
  const range = chartRange({ from: filters.from, to: filters.to, now, zone: org.timezone });
  // Bucketing by the days' start instants (computed here, daylight saving included) is cheaper than converting
  // every row to local time: bucket 0 is the first day, bucket n the day starting at the n-th boundary.
  const boundaries = range.days
    .slice(1)
    .map((day) => new Date(Temporal.PlainDate.from(day).toZonedDateTime({ timeZone: org.timezone }).epochMilliseconds));
  const rows = await db.$queryRaw<Array<{ bucket: number; outcome: string | null; count: number }>>(Prisma.sql`
    SELECT width_bucket(created_at, ${boundaries}::timestamptz[]) AS bucket, last_outcome::text AS outcome, count(*)::int AS count
    FROM call_tasks WHERE ${callsWhereSql(orgId, filters, range, org.defaultCountryCode)}
    GROUP BY 1, 2`);
  return {
    timezone: org.timezone,
    days: bucketOutcomes(
      range.days,
      rows.map((r) => ({ ...r, day: range.days[r.bucket] ?? "" })),
    ),
  };
}
