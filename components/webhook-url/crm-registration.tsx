"use client";

import type { Crm } from "@/lib/crm/crms";
import { HubSpotSubscription } from "@/components/webhook-url/hubspot-subscription";
import { LeadSquaredRegistration } from "@/components/webhook-url/leadsquared-registration";
import type { BuiltWebhookUrl } from "@/lib/webhook-url/build";

/** Below the built URL: register it in LeadSquared by API, or HubSpot's manual steps with a wait for the first event. */
export function CrmRegistration({ built, crm }: { built: BuiltWebhookUrl | null; crm: Crm }) {
  const agentId = built ? new URL(built.url).searchParams.get("agent_id") : null;
  if (!built || !agentId) return null;
  return crm === "leadsquared" ? (
    <LeadSquaredRegistration built={built} agentId={agentId} />
  ) : (
    <HubSpotSubscription built={built} agentId={agentId} />
  );
}
