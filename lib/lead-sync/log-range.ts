import { Temporal } from "temporal-polyfill";

/** The Logs screen's date filter (seed 001, §8). */
export const LOG_RANGES = ["today", "last_7_days", "this_month", "last_month"] as const;
export type LogRange = (typeof LOG_RANGES)[number];

/** [from, to) in instants, with days and months counted in the viewer's zone. */
export function logRange(range: LogRange, now: Date, zone: string): { from: Date; to: Date } {
  const today = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(zone).toPlainDate();
  const start = (date: Temporal.PlainDate) => new Date(date.toZonedDateTime({ timeZone: zone }).epochMilliseconds);
  const firstOfMonth = today.with({ day: 1 });
  switch (range) {
    case "today":
      return { from: start(today), to: start(today.add({ days: 1 })) };
    case "last_7_days":
      return { from: start(today.subtract({ days: 6 })), to: start(today.add({ days: 1 })) };
    case "this_month":
      return { from: start(firstOfMonth), to: start(firstOfMonth.add({ months: 1 })) };
    case "last_month":
      return { from: start(firstOfMonth.subtract({ months: 1 })), to: start(firstOfMonth) };
  }
}
