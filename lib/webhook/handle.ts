import "server-only";
import { ZodError } from "zod";
import { findWebhookAgent } from "@/lib/agents/queries";
import { authenticateApiKey } from "@/lib/api-keys/queries";
import { setBounded } from "@/lib/bounded-map";
import { hubSpotConfigError, respondToHubSpot } from "@/lib/crm/hubspot/respond";
import { verifyHubSpotSignature } from "@/lib/crm/hubspot/signature";
import { leadSquaredConfigError, respondToLeadSquared } from "@/lib/crm/leadsquared/respond";
import { env } from "@/lib/env";
import { readRawBody } from "@/lib/http/body";
import { ApiError, zodDetails } from "@/lib/http/errors";
import { findIntegrationSecrets, hubSpotClientSecret } from "@/lib/integrations/queries";
import { callDriver } from "@/lib/calls/driver";
import { withAgentDefaults } from "@/lib/schedule/merge-defaults";
import { scheduleParamsSchema } from "@/lib/schedule/params-schema";
import { SCHEDULE_PARAM_NAMES } from "@/lib/schedule/parse-schedule-params";
import type { ScheduleParams } from "@/lib/schedule/types";
import { ingestDelivery, recordRefusedDelivery, type StoredRequest } from "@/lib/webhook/ingest";
import type { DeliveryOutcome } from "@/lib/webhook/outcome";
import { readLeads } from "@/lib/webhook/read-leads";
import { redactBody, redactQuery } from "@/lib/webhook/redact";

type Crm = "leadsquared" | "hubspot";

export type WebhookRequest = {
  orgId: string;
  query: URLSearchParams;
  contentType: string | null;
  raw: string;
  /** The request as HubSpot signed it; absent for a replay, which an admin asked for. */
  signed?: { method: string; publicUrl: string; headers: Headers };
};

export function storedRequestOf(query: URLSearchParams, contentType: string | null, raw: string): StoredRequest {
  const body = redactBody(raw);
  return { contentType, eventType: query.get("eventType"), query: redactQuery(query), body: body.body, bodyBytes: body.bytes };
}

type WebhookAgent = NonNullable<Awaited<ReturnType<typeof findWebhookAgent>>>;

// A webhook URL carries the same schedule on every delivery, and the cached agent row is one object until it changes,
// so each agent's parsed schedules are kept beside that object and go when it does.
const schedulesByAgent = new WeakMap<WebhookAgent, Map<string, ScheduleParams>>();
const SCHEDULES_PER_AGENT = 32;
const SCHEDULE_PARAMS = new Set<string>(SCHEDULE_PARAM_NAMES);

/** The URL's schedule over the agent's defaults; a ZodError says what is wrong with it. */
function scheduleOf(agent: WebhookAgent, query: URLSearchParams): ScheduleParams {
  // The last of a repeated parameter wins, as in Object.fromEntries.
  const fromUrl: Record<string, string> = {};
  for (const [name, value] of query) if (SCHEDULE_PARAMS.has(name)) fromUrl[name] = value;
  const key = JSON.stringify(fromUrl);
  let known = schedulesByAgent.get(agent);
  if (!known) schedulesByAgent.set(agent, (known = new Map()));
  const hit = known.get(key);
  if (hit) return hit;
  const params = scheduleParamsSchema.parse(withAgentDefaults(fromUrl, agent.scheduleDefaults as Record<string, string>));
  setBounded(known, key, params, SCHEDULES_PER_AGENT);
  return params;
}

function crmOf(query: URLSearchParams): Crm | null {
  const type = query.get("type");
  return type === "leadsquared" || type === "hubspot" ? type : null;
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
 * Everything after authentication: the URL's parameters, the signature, the body, then one transaction for the
 * delivery, its leads and their calls. A refusal is logged under the organisation and rethrown as an ApiError.
 */
export async function ingestWebhookRequest(request: WebhookRequest): Promise<DeliveryOutcome> {
  const { orgId, query } = request;
  const stored = storedRequestOf(query, request.contentType, request.raw);
  const crm = crmOf(query);
  let agentId: string | null = null;
  try {
    if (!crm) {
      throw new ApiError(
        400,
        "invalid_type",
        `type must be leadsquared or hubspot (got ${query.get("type") ? `"${query.get("type")}"` : "nothing"}): add &type=leadsquared to the webhook URL.`,
        [{ field: "type", message: "Use leadsquared or hubspot." }],
      );
    }
    const id = query.get("agent_id");
    if (!id)
      throw new ApiError(400, "missing_agent_id", "Add agent_id=<your agent's id> to the webhook URL (Agents → copy id).", [
        { field: "agent_id", message: "Required." },
      ]);
    const agent = await findWebhookAgent(orgId, id);
    if (!agent) throw new ApiError(404, "unknown_agent", `No agent ${id} in your organisation. Check agent_id in the webhook URL.`);
    agentId = agent.id;

    const integration = await findIntegrationSecrets(orgId, crm);
    const clientSecret = crm === "hubspot" && integration ? hubSpotClientSecret(integration) : undefined;
    if (clientSecret && request.signed) {
      const check = verifyHubSpotSignature({
        ...request.signed,
        url: request.signed.publicUrl,
        rawBody: request.raw,
        clientSecret,
        now: new Date(),
      });
      if (!check.ok) throw new ApiError(401, "invalid_signature", `HubSpot's request signature did not verify: ${check.reason}`);
    }
    const params = scheduleOf(agent, query);
    const { leads, eventType } = readLeads(crm, agent.id, request.raw, request.contentType, query);
    return await ingestDelivery(callDriver(), {
      orgId,
      agent,
      crm,
      params,
      fallbackZone: agent.timezone ?? agent.organization.timezone,
      defaultCountryCode: agent.organization.defaultCountryCode,
      canLookUp: !!integration,
      receivedAt: new Date(),
      leads,
      request: { ...stored, eventType },
    });
  } catch (err) {
    const known = asApiError(err);
    if (known)
      await recordRefusedDelivery({
        orgId,
        agentId,
        crm,
        httpStatus: known.status,
        code: known.code,
        message: known.message,
        request: stored,
      }).catch(() => {});
    throw known ?? err;
  }
}

/** Each CRM reads errors its own way: LeadSquared's webhook history shows Status/StatusReason; HubSpot only retries 5xx/429. */
function refuse(crm: Crm | null, err: ApiError): Response {
  return crm === "hubspot"
    ? hubSpotConfigError(err.status, err.code, err.message, err.details)
    : leadSquaredConfigError(err.status, err.code, err.message, err.details);
}

/** POST /api/call/crm-webhook: configuration errors are 4xx (and logged); only our own failures are 5xx, so the CRM retries. */
export async function handleCrmWebhook(req: Request): Promise<Response> {
  const url = new URL(req.url);
  const crm = crmOf(url.searchParams);
  let orgId: string | null = null;
  try {
    // The key rides in the URL or a header, so the caller is known before the body is read and even a 413 is logged.
    orgId = (await authenticateApiKey(url.searchParams.get("x_api_key") ?? req.headers.get("x-api-key"))).orgId;
    const raw = await readRawBody(req);
    const publicUrl = `${env().LEADLINE_PUBLIC_URL}${url.pathname}${url.search}`;
    const outcome = await ingestWebhookRequest({
      orgId,
      query: url.searchParams,
      contentType: req.headers.get("content-type"),
      raw,
      signed: { method: req.method, publicUrl, headers: req.headers },
    });
    return crm === "hubspot" ? respondToHubSpot(outcome) : respondToLeadSquared(outcome);
  } catch (err) {
    const known = asApiError(err);
    if (known?.code === "body_too_large" && orgId) {
      await recordRefusedDelivery({
        orgId,
        agentId: null,
        crm,
        httpStatus: 413,
        code: known.code,
        message: known.message,
        request: storedRequestOf(url.searchParams, req.headers.get("content-type"), ""),
      }).catch(() => {});
    }
    if (known) return refuse(crm, known);
    const requestId = crypto.randomUUID();
    console.error(`[${requestId}] crm webhook failed`, err);
    return refuse(
      crm,
      new ApiError(503, "temporarily_unavailable", `Leadline could not store this delivery (request ${requestId}); the CRM will retry.`),
    );
  }
}
