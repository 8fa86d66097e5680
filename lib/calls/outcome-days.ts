import { Temporal } from "temporal-polyfill";
import { OUTCOMES, type Outcome } from "@/lib/schedule/types";

/** The chart shows at most this many days; a longer range shows its last days. */
export const MAX_CHART_DAYS = 92;
export const DEFAULT_CHART_DAYS = 14;

export type OutcomeKey = Outcome | "pending";
export const OUTCOME_KEYS: readonly OutcomeKey[] = [...OUTCOMES, "pending"];
export type OutcomeDay = { day: string; counts: Record<OutcomeKey, number>; total: number };

/**
 * The calendar days the chart covers, in the organisation's zone: the filter's from/to when given (to exclusive),
 * else the last DEFAULT_CHART_DAYS days up to today. Returns the instants that bound them for the query.
 */
export function chartRange(input: { from?: string; to?: string; now: Date; zone: string }) {
  const toDay = (iso: string) => Temporal.Instant.from(iso).toZonedDateTimeISO(input.zone).toPlainDate();
  const today = Temporal.Instant.fromEpochMilliseconds(input.now.getTime()).toZonedDateTimeISO(input.zone).toPlainDate();
  // `to` is exclusive: a range ending at midnight does not include the day that starts then.
  const last = input.to ? toDay(new Date(Date.parse(input.to) - 1).toISOString()) : today;
  let first = input.from ? toDay(input.from) : last.subtract({ days: DEFAULT_CHART_DAYS - 1 });
  if (Temporal.PlainDate.compare(first, last) > 0) first = last;
  if (first.until(last).days >= MAX_CHART_DAYS) first = last.subtract({ days: MAX_CHART_DAYS - 1 });
  const days: string[] = [];
  for (let d = first; Temporal.PlainDate.compare(d, last) <= 0; d = d.add({ days: 1 })) days.push(d.toString());
  const startOf = (d: Temporal.PlainDate) => new Date(d.toZonedDateTime({ timeZone: input.zone }).epochMilliseconds);
  const from = new Date(Math.max(startOf(first).getTime(), input.from ? Date.parse(input.from) : -Infinity));
  const to = new Date(Math.min(startOf(last.add({ days: 1 })).getTime(), input.to ? Date.parse(input.to) : Infinity));
  return { days, from, to };
}

/** Grouped rows (day, outcome or null, count) into one entry per day, with zeros for days and outcomes without calls. */
export function bucketOutcomes(
  days: readonly string[],
  rows: ReadonlyArray<{ day: string; outcome: string | null; count: number }>,
): OutcomeDay[] {
  const byDay = new Map(
    days.map((day) => [day, { day, counts: Object.fromEntries(OUTCOME_KEYS.map((k) => [k, 0])) as Record<OutcomeKey, number>, total: 0 }]),
  );
  for (const row of rows) {
    const entry = byDay.get(row.day);
    if (!entry) continue;
    const key = (OUTCOME_KEYS as readonly string[]).includes(row.outcome ?? "") ? (row.outcome as OutcomeKey) : "pending";
    entry.counts[key] += row.count;
    entry.total += row.count;
  }
  return [...byDay.values()];
}
