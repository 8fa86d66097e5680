import { Temporal } from "temporal-polyfill";

/**
 * List filters live in the page's URL (shareable, and the back button restores them) with dates as calendar days;
 * the API takes instants. `from` is the start of its day and `to` the end of its day, in the organisation's zone.
 */
export function apiQueryFromUrl(search: URLSearchParams, keys: readonly string[], zone: string): Record<string, string> {
  const query: Record<string, string> = {};
  for (const key of keys) {
    const value = search.get(key)?.trim();
    if (!value) continue;
    if (key === "from" || key === "to") {
      const day = parseDay(value);
      if (!day) continue;
      const start = (key === "to" ? day.add({ days: 1 }) : day).toZonedDateTime({ timeZone: zone });
      query[key] = start.toInstant().toString();
    } else {
      query[key] = value;
    }
  }
  return query;
}

function parseDay(value: string): Temporal.PlainDate | null {
  try {
    return Temporal.PlainDate.from(value, { overflow: "reject" });
  } catch {
    return null;
  }
}

/** The URL after one filter changed: empty values are dropped, and paging starts again. */
export function withFilter(search: URLSearchParams, changes: Record<string, string>): string {
  const next = new URLSearchParams(search);
  for (const [key, value] of Object.entries(changes)) {
    if (value.trim()) next.set(key, value.trim());
    else next.delete(key);
  }
  next.delete("cursor");
  const text = next.toString();
  return text ? `?${text}` : "";
}
