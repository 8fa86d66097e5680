// LeadSquared's own opt-out flag: "0"/"1" in webhook bodies and its API; accounts and automations also send booleans or Yes/No.
const SET = new Set(["1", "true", "yes", "y"]);

/** The reason a lead must not be called because LeadSquared marks it DoNotCall, or null when it may be called. */
export function leadSquaredDoNotCall(fields: Record<string, unknown>): string | null {
  const key = Object.keys(fields).find((k) => k.toLowerCase() === "donotcall");
  const value = key === undefined ? undefined : fields[key];
  const text = typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value).trim() : "";
  if (!SET.has(text.toLowerCase())) return null;
  return `LeadSquared marks this lead DoNotCall (${key}: ${JSON.stringify(value)}), so Leadline does not call it.`;
}
