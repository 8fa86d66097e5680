import "server-only";
import { randomInt } from "node:crypto";
import { findAgent } from "@/lib/agents/queries";
import { crmErrorToApiError } from "@/lib/crm/field-cache";
import { hubSpotSignatureV3 } from "@/lib/crm/hubspot/signature";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/http/errors";
import { CrmError, isRecord } from "@/lib/http/fetch-json";
import { findIntegration, hubSpotClientFor, hubSpotClientSecret } from "@/lib/integrations/queries";
import { listVariables } from "@/lib/variables/queries";
import { sampleHubSpotEvents, sampleLeadSquaredLead } from "@/lib/test-lead/sample";
import { testLeadTarget } from "@/lib/test-lead/target";

const TIMEOUT_MS = 15_000;

async function hubSpotBody(orgId: string, now: Date): Promise<{ body: string; clientSecret?: string }> {
  const integration = await findIntegration(orgId, "hubspot");
  if (!integration)
    throw new ApiError(
      409,
      "not_connected",
      "HubSpot events carry only a contact id, which Leadline reads from HubSpot: connect HubSpot under Integrations first.",
    );
  let contactId: string | undefined;
  try {
    [contactId] = await hubSpotClientFor(integration).contactIds(1);
  } catch (err) {
    throw err instanceof CrmError ? crmErrorToApiError(err) : err;
  }
  if (!contactId)
    throw new ApiError(
      409,
      "no_contacts",
      "The connected HubSpot account has no contacts yet; create one in HubSpot, then send the test again.",
    );
  const portalId = String((integration.config as { portalId?: number | null }).portalId ?? 0);
  const events = sampleHubSpotEvents({ portalId, contactId, eventId: String(randomInt(1, 2 ** 31)), now });
  return { body: JSON.stringify(events), clientSecret: hubSpotClientSecret(integration) };
}

/**
 * Posts a realistic sample lead through the webhook URL the builder made, over HTTP, exactly as the CRM would (HubSpot's
 * v3 signature included when a client secret is stored), and returns the webhook's answer.
 */
export async function sendTestLead(orgId: string, agentId: string, input: { url: string; apiKey?: string }, now = new Date()) {
  const agent = await findAgent(orgId, agentId);
  const target = testLeadTarget({ url: input.url, publicUrl: env().LEADLINE_PUBLIC_URL, agentId: agent.id });
  if (!target.ok) throw new ApiError(400, "invalid_url", target.message, [{ field: "url", message: target.message }]);

  const headers: Record<string, string> = { "content-type": "application/json" };
  if (input.apiKey) headers["x-api-key"] = input.apiKey;
  let body: string;
  if (target.crm === "leadsquared") {
    const variables = await listVariables(orgId, agent.id);
    const leadId = `test-${now.getTime()}-${randomInt(1000, 9999)}`;
    body = JSON.stringify(sampleLeadSquaredLead({ variables, phoneVariable: agent.phoneVariable, leadId, now }));
  } else {
    const hubspot = await hubSpotBody(orgId, now);
    body = hubspot.body;
    if (hubspot.clientSecret) {
      const timestamp = String(now.getTime());
      headers["x-hubspot-request-timestamp"] = timestamp;
      headers["x-hubspot-signature-v3"] = hubSpotSignatureV3({
        clientSecret: hubspot.clientSecret,
        method: "POST",
        uri: input.url,
        rawBody: body,
        timestamp,
      });
    }
  }

  let res: Response;
  try {
    res = await fetch(target.url, { method: "POST", headers, body, redirect: "manual", signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch {
    throw new ApiError(
      502,
      "webhook_unreachable",
      `Leadline could not reach its own webhook at ${target.url.origin}; check LEADLINE_PUBLIC_URL.`,
    );
  }
  const answer = (await res.json().catch(() => null)) as unknown;
  const result = isRecord(answer) && Array.isArray(answer.results) && isRecord(answer.results[0]) ? answer.results[0] : {};
  return {
    crm: target.crm,
    httpStatus: res.status,
    answer,
    deliveryId: isRecord(answer) && typeof answer.deliveryId === "string" ? answer.deliveryId : null,
    callId: typeof result.callId === "string" ? result.callId : null,
    leadStatus: typeof result.status === "string" ? result.status : null,
    firstAttemptAt: typeof result.firstAttemptAt === "string" ? result.firstAttemptAt : null,
    sent: JSON.parse(body) as unknown,
  };
}
