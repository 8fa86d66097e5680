import "server-only";
import { ZodError } from "zod";
import { authenticateApiKey } from "@/lib/api-keys/queries";
import { hubSpotConfigError, respondToHubSpot } from "@/lib/crm/hubspot/respond";
import { verifyHubSpotSignature } from "@/lib/crm/hubspot/signature";
import { leadSquaredConfigError, respondToLeadSquared } from "@/lib/crm/leadsquared/respond";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { readRawBody } from "@/lib/http/body";
import { ApiError, zodDetails } from "@/lib/http/errors";
import { findIntegration, hubSpotClientSecret } from "@/lib/integrations/queries";
import { jobDriver } from "@/lib/jobs";
import { withAgentDefaults } from "@/lib/schedule/merge-defaults";
import { scheduleParamsSchema } from "@/lib/schedule/params-schema";
import { ingestDelivery, recordRefusedDelivery, type StoredRequest } from "@/lib/webhook/ingest";
import { readLeads } from "@/lib/webhook/read-leads";
import { redactBody, redactUrl } from "@/lib/webhook/redact";

type Crm = "leadsquared" | "hubspot";

function storedRequest(url: URL, headers: Headers, raw: string, eventType: string | null): StoredRequest {
  const body = redactBody(raw);
  const query = Object.fromEntries(new URL(redactUrl(url.toString())).searchParams);
  return { contentType: headers.get("content-type"), eventType, query, body: body.body, bodyBytes: body.bytes };
}

/** Each CRM reads errors its own way: LeadSquared's webhook history shows Status/StatusReason; HubSpot only retries 5xx/429. */
function refuse(crm: Crm | null, err: ApiError): Response {
  return crm === "hubspot" ? hubSpotConfigError(err.status, err.code, err.message, err.details) : leadSquaredConfigError(err.status, err.code, err.message, err.details);
}

function asApiError(err: unknown): ApiError | null {
  if (err instanceof ApiError) return err;
  if (err instanceof ZodError) {
    const details = zodDetails(err);
    return new ApiError(400, "invalid_parameter", details.map((d) => d.message).join(" "), details);
  }
  return null;
}

/**
 * The CRM webhook: authenticate, check the URL's parameters, read the body, then store the delivery, its leads and
 * their calls in one transaction before answering. Configuration errors are 4xx and logged; only our own failures are 5xx.
 */
export async function handleCrmWebhook(req: Request): Promise<Response> {
  const url = new URL(req.url);
  const type = url.searchParams.get("type");
  const crm: Crm | null = type === "leadsquared" || type === "hubspot" ? type : null;
  let logged: { orgId: string; agentId: string | null; request: StoredRequest } | null = null;
  try {
    // The key rides in the URL or a header, so the caller is known before the body is read and even a 413 is logged.
    const caller = await authenticateApiKey(url.searchParams.get("x_api_key") ?? req.headers.get("x-api-key"));
    logged = { orgId: caller.orgId, agentId: null, request: storedRequest(url, req.headers, "", url.searchParams.get("eventType")) };
    const raw = await readRawBody(req);
    logged.request = storedRequest(url, req.headers, raw, url.searchParams.get("eventType"));
    if (!crm) throw new ApiError(400, "invalid_type", `type must be leadsquared or hubspot (got ${type ? `"${type}"` : "nothing"}): add &type=leadsquared to the webhook URL.`, [{ field: "type", message: "Use leadsquared or hubspot." }]);
    const agentId = url.searchParams.get("agent_id");
    if (!agentId) throw new ApiError(400, "missing_agent_id", "Add agent_id=<your agent's id> to the webhook URL (Agents → copy id).", [{ field: "agent_id", message: "Required." }]);
    const agent = await db.agent.findFirst({ where: { id: agentId, orgId: caller.orgId }, include: { variables: { orderBy: { position: "asc" } }, organization: true } });
    if (!agent) throw new ApiError(404, "unknown_agent", `No agent ${agentId} in your organisation. Check agent_id in the webhook URL.`);
    logged.agentId = agent.id;

    const integration = await findIntegration(caller.orgId, crm);
    const clientSecret = crm === "hubspot" && integration ? hubSpotClientSecret(integration) : undefined;
    if (clientSecret) {
      const publicUrl = `${env().LEADLINE_PUBLIC_URL}${url.pathname}${url.search}`;
      const check = verifyHubSpotSignature({ method: req.method, url: publicUrl, rawBody: raw, headers: req.headers, clientSecret, now: new Date() });
      if (!check.ok) throw new ApiError(401, "invalid_signature", `HubSpot's request signature did not verify: ${check.reason}`);
    }
    const query = Object.fromEntries(url.searchParams);
    const params = scheduleParamsSchema.parse(withAgentDefaults(query, agent.scheduleDefaults as Record<string, string>));
    const { leads, eventType } = readLeads(crm, agent.id, raw, req.headers.get("content-type"), url.searchParams);
    logged.request.eventType = eventType;

    const outcome = await ingestDelivery(jobDriver(), {
      orgId: caller.orgId, agent, crm, params, fallbackZone: agent.timezone ?? agent.organization.timezone,
      defaultCountryCode: agent.organization.defaultCountryCode, canLookUp: !!integration, receivedAt: new Date(), leads, request: logged.request,
    });
    return crm === "hubspot" ? respondToHubSpot(outcome) : respondToLeadSquared(outcome);
  } catch (err) {
    const known = asApiError(err);
    if (!known) {
      const requestId = crypto.randomUUID();
      console.error(`[${requestId}] crm webhook failed`, err);
      // A 5xx asks the CRM to retry: right for our own failures, and nothing was stored.
      return refuse(crm, new ApiError(503, "temporarily_unavailable", `Leadline could not store this delivery (request ${requestId}); the CRM will retry.`));
    }
    if (logged) await recordRefusedDelivery({ ...logged, crm, httpStatus: known.status, code: known.code, message: known.message }).catch(() => {});
    return refuse(crm, known);
  }
}
