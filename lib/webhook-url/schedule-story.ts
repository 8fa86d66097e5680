import { Temporal } from "temporal-polyfill";

/** Local creation times the preview tries: morning inside most windows, lunch, evening after most windows close. */
export const SAMPLE_CREATION_TIMES = ["07:30", "12:00", "19:00"] as const;

/** Today's date in `zone` at each sample time, as ISO instants for `created_at`. */
export function sampleCreationInstants(zone: string, now: Date): { label: string; createdAt: string }[] {
  const today = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(zone).toPlainDate();
  return SAMPLE_CREATION_TIMES.map((label) => {
    const at = today.toZonedDateTime({ timeZone: zone, plainTime: Temporal.PlainTime.from(label) });
    return { label, createdAt: at.toInstant().toString() };
  });
}

function zoned(iso: string, zone: string) {
  return Temporal.Instant.from(iso).toZonedDateTimeISO(zone);
}

function dayWord(days: number): string {
  if (days === 0) return "";
  if (days === 1) return " tomorrow";
  return ` ${days} days later`;
}

/**
 * "A lead created at 19:00 is called at 09:00 tomorrow, then at 11:00, 15:00": days are counted from the creation
 * date and named only when they change, so the sentence reads the way the plan unfolds.
 */
export function describeSchedule(input: { createdAt: string; attempts: readonly { at: string }[]; zone: string }): string {
  const created = zoned(input.createdAt, input.zone);
  let previousDays = 0;
  const times = input.attempts.map((a) => {
    const at = zoned(a.at, input.zone);
    const days = created.toPlainDate().until(at.toPlainDate(), { largestUnit: "days" }).days;
    const time = at.toPlainTime().toString({ smallestUnit: "minute" });
    const text = days === previousDays ? time : `${time}${dayWord(days)}`;
    previousDays = days;
    return text;
  });
  const [first, ...retries] = times;
  const createdText = created.toPlainTime().toString({ smallestUnit: "minute" });
  const retryText = retries.length ? `, then at ${retries.join(", ")} if it fails` : "";
  return `A lead created at ${createdText} is called at ${first}${retryText}.`;
}
