/**
 * Whether replaying a stored delivery can end differently. A replay sends the same URL parameters and body again
 * (without the key), so only a cause fixed in Leadline (a mapping, an agent default, an integration) changes its fate.
 */
export type ReplayAdvice = { replay: true } | { replay: false; why: string } | null;

const URL_CAUSES = new Set(["invalid_parameter", "invalid_type", "missing_agent_id", "unknown_agent"]);
const KEY_CAUSES = new Set(["missing_api_key", "invalid_api_key", "revoked_api_key"]);
const BODY_CAUSES = new Set(["invalid_json", "invalid_body", "unsupported_media_type"]);

export function replayAdvice(delivery: { status: string; errorCode: string | null; crmName: string }): ReplayAdvice {
  if (delivery.status === "rejected" || delivery.status === "partial") return { replay: true };
  if (delivery.status !== "error") return null;
  const code = delivery.errorCode ?? "";
  const crm = delivery.crmName;
  if (URL_CAUSES.has(code)) {
    return {
      replay: false,
      why: `Only the webhook URL saved in ${crm} can fix this: a replay would send the same URL again. Correct it there; the next lead then goes through.`,
    };
  }
  if (KEY_CAUSES.has(code)) {
    return {
      replay: false,
      why: `Only ${crm} can fix this: put a valid API key in its webhook settings, then its next request goes through.`,
    };
  }
  if (BODY_CAUSES.has(code)) {
    return {
      replay: false,
      why: `${crm} sent this body, and a replay would send the same one. Change what ${crm} sends, then its next request goes through.`,
    };
  }
  if (code === "body_too_large")
    return { replay: false, why: `Too large to keep in full, so it cannot be replayed. Ask ${crm} to send it again.` };
  return { replay: true };
}
