import { formatWindow } from "./local-time";
import { checkTimeZone } from "./time-zone";
import type { PlannedAttempt, ScheduleParams, ScheduledAttempt } from "./types";
import { insideWindowAt, windowOpeningAt } from "./window";
import { formatWallClock, toDate, toInstant } from "./zone-rules";

const MS_PER_HOUR = 3_600_000;

/** `zone` is the caller's fallback (agent's, then organisation's); an explicit `timezone` parameter wins. */
export type PlanContext = { params: ScheduleParams; zone: string };

export function gapToMs(hours: number): number {
  return Math.round(hours * MS_PER_HOUR);
}

export function effectiveZone(params: ScheduleParams, fallbackZone: string): string {
  const name = params.timezone ?? fallbackZone;
  const check = checkTimeZone(name);
  if (!check.ok) throw new RangeError(`Cannot schedule in time zone ${JSON.stringify(name)}: expected an IANA zone name`);
  return check.zone;
}

export function firstAttemptAt({ receivedAt, params, zone }: PlanContext & { receivedAt: Date }): PlannedAttempt {
  const received = toInstant(receivedAt);
  // A fresh Date so callers cannot mutate each other's values through a shared object.
  const asReceived = toDate(received);
  const { window } = params;
  if (window === null) return { at: asReceived, reason: { kind: "immediate" } };
  const tz = effectiveZone(params, zone);
  if (insideWindowAt(received, window, tz)) return { at: asReceived, reason: { kind: "inside_window" } };
  if (!params.carryOver) {
    return { at: asReceived, reason: { kind: "window_not_enforced", window: formatWindow(window), zone: tz } };
  }
  const opening = windowOpeningAt(received, window, tz);
  return { at: toDate(opening), reason: { kind: "carried_over", windowStart: formatWallClock(opening, tz), zone: tz } };
}

/** Retry `retryNumber` (1-based) is due gap_n hours after the previous dial, carried into the window if asked. */
export function retryAt({
  previousDialedAt,
  retryNumber,
  params,
  zone,
}: PlanContext & { previousDialedAt: Date; retryNumber: number }): PlannedAttempt {
  const gapHours = params.gapsHours[retryNumber - 1];
  if (!Number.isInteger(retryNumber) || gapHours === undefined) {
    throw new RangeError(`retryNumber must be an integer from 1 to ${params.gapsHours.length}, got ${retryNumber}`);
  }
  const due = toInstant(previousDialedAt).add({ milliseconds: gapToMs(gapHours) });
  const { window } = params;
  if (window === null || !params.carryOver) return { at: toDate(due), reason: { kind: "retry_gap", gapHours } };
  const tz = effectiveZone(params, zone);
  if (insideWindowAt(due, window, tz)) return { at: toDate(due), reason: { kind: "retry_gap", gapHours } };
  const opening = windowOpeningAt(due, window, tz);
  return {
    at: toDate(opening),
    reason: { kind: "retry_carried_over", gapHours, windowStart: formatWallClock(opening, tz), zone: tz },
  };
}

/** The whole plan if every attempt fails and is dialed exactly on time: 1 + retries entries. */
export function planSchedule({ createdAt, params, zone }: PlanContext & { createdAt: Date }): ScheduledAttempt[] {
  const plan: ScheduledAttempt[] = [{ attempt: 1, ...firstAttemptAt({ receivedAt: createdAt, params, zone }) }];
  for (let retryNumber = 1; retryNumber <= params.retries; retryNumber++) {
    const previous = plan[plan.length - 1] as ScheduledAttempt;
    const next = retryAt({ previousDialedAt: previous.at, retryNumber, params, zone });
    plan.push({ attempt: retryNumber + 1, ...next });
  }
  return plan;
}
