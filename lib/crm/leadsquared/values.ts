// The limit can arrive as 429 or as 200 with this exception type (§1.4).
export const RATE_LIMIT_EXCEPTION = "MXAPIRateLimitExceededException";

/** A JSON value LeadSquared answered, as text: non-blank strings and finite numbers; anything else is null. */
export function text(value: unknown): string | null {
  if (typeof value === "string") return value.trim() ? value : null;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return null;
}

/** LeadSquared's "YYYY-MM-DD HH:MM:SS" in UTC (§1.3). */
export function leadSquaredDateTime(at: Date): string {
  return at.toISOString().slice(0, 19).replace("T", " ");
}
