// Test-only reference planner. Deliberately shares no code with the module and uses no
// Temporal: it reads wall time with Intl and walks forward minute by minute.

export type RefParams = {
  min?: string;
  max?: string;
  carryOver: boolean;
  gapsHours: number[];
};

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(zone, f);
  }
  return f;
}

/** UTC offset in ms at `ms`, read from Intl's wall-clock rendering. */
export function refOffset(ms: number, zone: string): number {
  const part: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(ms)) part[p.type] = Number(p.value);
  const wallAsUtc = Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!, part.second!);
  return wallAsUtc - Math.floor(ms / 1000) * 1000;
}

function cachedOffset(ms: number, zone: string): number {
  const key = `${zone}@${ms}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = refOffset(ms, zone);
    offsets.set(key, offset);
  }
  return offset;
}

/** Offset for a minute boundary; hour samples are cached and only an hour with a change is read per minute. */
function offsetAtMinute(ms: number, zone: string): number {
  const hourStart = Math.floor(ms / HOUR) * HOUR;
  const before = cachedOffset(hourStart, zone);
  return before === cachedOffset(hourStart + HOUR, zone) ? before : refOffset(ms, zone);
}

export function refWallMsOfDay(ms: number, zone: string, offset = refOffset(ms, zone)): number {
  return (((ms + offset) % DAY) + DAY) % DAY;
}

export function refWallHHMM(ms: number, zone: string): string {
  const minutes = Math.floor(refWallMsOfDay(ms, zone) / MINUTE);
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

function minutesOf(text: string): number {
  const [h, m] = text.split(":");
  return Number(h) * 60 + Number(m);
}

/** Window bounds in minutes of the day; only-min ends at 1440 (midnight), only-max starts at 0. */
function bounds(p: RefParams): { from: number; to: number } | null {
  if (p.min === undefined && p.max === undefined) return null;
  return { from: p.min === undefined ? 0 : minutesOf(p.min), to: p.max === undefined ? 1440 : minutesOf(p.max) };
}

function insideAtWallMs(wallMs: number, p: RefParams): boolean {
  const b = bounds(p);
  if (b === null) return true;
  const minute = wallMs / MINUTE;
  return b.from < b.to ? b.from <= minute && minute <= b.to : b.from <= minute || minute <= b.to;
}

export function refInside(ms: number, p: RefParams, zone: string): boolean {
  return insideAtWallMs(refWallMsOfDay(ms, zone), p);
}

/**
 * First instant ≥ ms whose wall time is inside the window. Offsets here are whole minutes
 * and windows start on a minute, so after `ms` only minute boundaries can be that instant.
 */
export function refNextOpening(ms: number, p: RefParams, zone: string): number {
  if (refInside(ms, p, zone)) return ms;
  let candidate = Math.ceil(ms / MINUTE) * MINUTE;
  for (let step = 0; step < 4 * 1440; step++, candidate += MINUTE) {
    if (insideAtWallMs(refWallMsOfDay(candidate, zone, offsetAtMinute(candidate, zone)), p)) return candidate;
  }
  throw new Error("reference: no opening within 4 days");
}

export function refFirstAttempt(ms: number, p: RefParams, zone: string): number {
  if (!p.carryOver || refInside(ms, p, zone)) return ms;
  return refNextOpening(ms, p, zone);
}

export function refRetry(previousMs: number, gapHours: number, p: RefParams, zone: string): number {
  const due = previousMs + Math.round(gapHours * HOUR);
  return p.carryOver ? refNextOpening(due, p, zone) : due;
}

export function refPlan(createdMs: number, p: RefParams, zone: string): number[] {
  const plan = [refFirstAttempt(createdMs, p, zone)];
  for (const gap of p.gapsHours) plan.push(refRetry(plan[plan.length - 1]!, gap, p, zone));
  return plan;
}
