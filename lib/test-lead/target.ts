import { type Crm, isCrm } from "@/lib/crm/crms";
import { WEBHOOK_PATH } from "@/lib/webhook-url/build";

export type TestLeadTarget = { ok: true; url: URL; crm: Crm } | { ok: false; message: string };

// The webhook also answers at CallKaro's path.
const PATHS = [WEBHOOK_PATH, "/call/crm-webhook"];

/** Only Leadline's own webhook, for this agent, may be posted to: the test must not become a way to reach other hosts. */
export function testLeadTarget(input: { url: string; publicUrl: string; agentId: string }): TestLeadTarget {
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    return { ok: false, message: "The webhook URL is not a complete URL; build it above and try again." };
  }
  const own = new URL(input.publicUrl).origin;
  if (url.origin !== own) return { ok: false, message: `Test leads go only to this Leadline (${own}); the URL points to ${url.origin}.` };
  if (!PATHS.includes(url.pathname)) return { ok: false, message: `Test leads go only to ${own}${WEBHOOK_PATH}.` };
  if (url.searchParams.get("agent_id") !== input.agentId)
    return { ok: false, message: "The URL is for another agent; build it on this agent's page." };
  const crm = url.searchParams.get("type");
  if (!isCrm(crm)) return { ok: false, message: "The URL needs type=leadsquared or type=hubspot." };
  return { ok: true, url, crm };
}
