import { Temporal } from "temporal-polyfill";

export type TimeZoneCheck = { ok: true; zone: string } | { ok: false; issue: "offset" | "unknown" };

// Temporal also accepts bare offsets ("+05:30", "-05"); those ignore daylight saving, so we refuse them.
const OFFSET_LIKE = /^[+\-\u2212]|^(utc|gmt)[+\-\u2212]/i;
// Temporal would also pull a zone out of an ISO string like "2020-01-01T00:00Z[Asia/Kolkata]".
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

// Every lead's plan checks its zone; a known name skips the polyfill's zone lookup. Only valid names are kept, and few.
const known = new Map<string, TimeZoneCheck>();
const MAX_KNOWN = 1000;

/** Validates an IANA zone name and returns it with canonical letter case ("asia/kolkata" → "Asia/Kolkata"). */
export function checkTimeZone(name: string): TimeZoneCheck {
  const hit = known.get(name);
  if (hit) return hit;
  const check = lookUpTimeZone(name);
  if (check.ok && known.size < MAX_KNOWN) known.set(name, check);
  return check;
}

function lookUpTimeZone(name: string): TimeZoneCheck {
  if (OFFSET_LIKE.test(name)) return { ok: false, issue: "offset" };
  if (!ZONE_NAME.test(name)) return { ok: false, issue: "unknown" };
  try {
    const zone = Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(name).timeZoneId;
    if (OFFSET_LIKE.test(zone)) return { ok: false, issue: "offset" };
    return { ok: true, zone };
  } catch {
    return { ok: false, issue: "unknown" };
  }
}

export function normalizeTimeZone(name: string): string | null {
  const check = checkTimeZone(name.trim());
  return check.ok ? check.zone : null;
}
