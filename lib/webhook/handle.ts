import "server-only";
import { findWebhookAgent } from "@/lib/agents/queries";
import { authenticateApiKey } from "@/lib/api-keys/queries";
import { setBounded } from "@/lib/bounded-map";
import { type Crm, isCrm } from "@/lib/crm/crms";
import { hubSpotConfigError, respondToHubSpot } from "@/lib/crm/hubspot/respond";
import { verifyHubSpotSignature } from "@/lib/crm/hubspot/signature";
import { leadSquaredConfigError, respondToLeadSquared } from "@/lib/crm/leadsquared/respond";
import { env } from "@/lib/env";
import { MAX_BODY_BYTES, readRawBody } from "@/lib/http/body";
import { ApiError, knownApiError, toApiError, WEBHOOK_ERRORS } from "@/lib/http/errors";
import { findIntegrationSecrets, hubSpotClientSecret } from "@/lib/integrations/queries";
import { callDriver } from "@/lib/calls/driver";
import { agentSchedule, agentZone } from "@/lib/schedule/agent-defaults";
import { SCHEDULE_PARAM_NAMES } from "@/lib/schedule/parse-schedule-params";
import type { ScheduleParams } from "@/lib/schedule/types";
import { ingestDelivery, recordRefusedDelivery, type IncomingLead, type StoredRequest } from "@/lib/webhook/ingest";
import type { DeliveryOutcome } from "@/lib/webhook/outcome";
import { errorSummary } from "@/lib/http/log-error";
import { cleanQuery, cleanText, describeRepairs, noRepairs, type Repairs } from "@/lib/webhook/clean-text";
import { readLeads } from "@/lib/webhook/read-leads";
import { redactBody, redactQuery } from "@/lib/redact";
import { claimReplayKeys, releaseReplayKeys, replayKeys } from "@/lib/webhook/replay-guard";

export type WebhookRequest = {
  orgId: string;
  query: URLSearchParams;
  contentType: string | null;
  raw: string;
  /** The live request as HubSpot signed it (its bytes unrepaired); absent for a replay, which an admin asked for. */
  signed?: { method: string; publicUrl: string; headers: Headers; rawBody: string };
};

/** The request as the delivery log keeps it: repaired, redacted, capped, with a note of what was changed. */
export function storedRequestOf(
  query: URLSearchParams,
  contentType: string | null,
  raw: string,
  repairs: Repairs = noRepairs(),
  dropped: string | null = null,
): StoredRequest {
  const body = redactBody(raw);
  const notes = [dropped, describeRepairs(repairs)].filter(Boolean).join(" ");
  return {
    contentType,
    eventType: query.get("eventType"),
    query: redactQuery(query),
    body: body.body,
    bodyBytes: body.bytes,
    notes: notes || null,
  };
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
  const params = agentSchedule(fromUrl, agent);
  setBounded(known, key, params, SCHEDULES_PER_AGENT);
  return params;
}

// Parameters Leadline reads itself; LeadSquared's appended entityType/entityId/eventType may legitimately repeat one
// the admin put in the URL, and their last value is read and stored alike.
const OWN_PARAMS = new Set<string>(["agent_id", "type", "x_api_key", ...SCHEDULE_PARAM_NAMES]);

/** A parameter given twice with different values: which one was meant cannot be known, so the request is refused. */
function ambiguousParams(query: URLSearchParams, names: ReadonlySet<string>): ApiError | null {
  const seen = new Map<string, string>();
  const ambiguous = new Set<string>();
  for (const [name, value] of query) {
    if (!names.has(name)) continue;
    if (seen.has(name) && seen.get(name) !== value) ambiguous.add(name);
    seen.set(name, value);
  }
  if (ambiguous.size === 0) return null;
  const list = [...ambiguous];
  return new ApiError(
    400,
    "ambiguous_parameter",
    `${list.join(", ")} ${list.length === 1 ? "is" : "are"} given more than once with different values; keep one of each in the webhook URL.`,
    list.map((field) => ({ field, message: "Given more than once with different values." })),
  );
}

function crmOf(query: URLSearchParams): Crm | null {
  const type = query.get("type");
  return isCrm(type) ? type : null;
}

/** Marks the events (or the whole request) HubSpot already sent within the replay window; returns the claimed keys. */
async function guardReplays(agentId: string, request: WebhookRequest, leads: IncomingLead[], verified: boolean): Promise<string[]> {
  if (!request.signed) return [];
  const signature = verified ? request.signed.headers.get("x-hubspot-signature-v3") : null;
  const live = leads.filter((l) => l.eventId && !l.rejectedReason && !l.ignoredReason);
  const keys = replayKeys(
    agentId,
    signature,
    live.map((l) => ({ portalId: l.portalId ?? "", eventId: l.eventId! })),
  );
  const all = [...(keys.request ? [keys.request] : []), ...keys.events];
  const seen = await claimReplayKeys(all, new Date());
  const wholeRequest = keys.request !== null && seen.has(keys.request);
  live.forEach((lead, i) => {
    if (wholeRequest || seen.has(keys.events[i]!))
      lead.replayReason = "HubSpot already sent this event within the last 5 minutes (a replay); no new call.";
  });
  return all.filter((k) => !seen.has(k));
}

/**
 * Everything after authentication: the URL's parameters, the signature, the body, then one transaction for the
 * delivery, its leads and their calls. Text is repaired first, so nothing the caller sends can fail a write. A refusal
 * is logged under the organisation and rethrown as an ApiError.
 */
export async function ingestWebhookRequest(request: WebhookRequest): Promise<DeliveryOutcome> {
  const { orgId } = request;
  const repairs = noRepairs();
  const query = cleanQuery(request.query, repairs);
  const contentType = request.contentType === null ? null : cleanText(request.contentType, repairs);
  const raw = cleanText(request.raw, repairs);
  const crm = crmOf(query);
  let agentId: string | null = null;
  let claimed: string[] = [];
  try {
    const ambiguous = ambiguousParams(query, OWN_PARAMS);
    if (ambiguous) throw ambiguous;
    if (!crm) {
      throw new ApiError(
        400,
        "invalid_type",
        `type must be leadsquared or hubspot (got ${query.get("type") ? `"${query.get("type")!.slice(0, 40)}"` : "nothing"}): add &type=leadsquared to the webhook URL.`,
        [{ field: "type", message: "Use leadsquared or hubspot." }],
      );
    }
    const id = query.get("agent_id");
    if (!id)
      throw new ApiError(400, "missing_agent_id", "Add agent_id=<your agent's id> to the webhook URL (Agents → copy id).", [
        { field: "agent_id", message: "Required." },
      ]);
    const agent = id.length <= 64 ? await findWebhookAgent(orgId, id) : null;
    if (!agent)
      throw new ApiError(404, "unknown_agent", `No agent ${id.slice(0, 64)} in your organisation. Check agent_id in the webhook URL.`);
    agentId = agent.id;

    const integration = await findIntegrationSecrets(orgId, crm);
    const clientSecret = crm === "hubspot" && integration ? hubSpotClientSecret(integration) : undefined;
    const verify = clientSecret && request.signed;
    if (verify) {
      const check = verifyHubSpotSignature({ ...request.signed!, url: request.signed!.publicUrl, clientSecret, now: new Date() });
      if (!check.ok) throw new ApiError(401, "invalid_signature", `HubSpot's request signature did not verify: ${check.reason}`);
    }
    const params = scheduleOf(agent, query);
    const { leads, eventType } = readLeads(crm, agent.id, raw, contentType, query, repairs);
    if (crm === "hubspot") claimed = await guardReplays(agent.id, request, leads, !!verify);
    return await ingestDelivery(callDriver(), {
      orgId,
      agent,
      crm,
      params,
      fallbackZone: agentZone(agent, agent.organization),
      defaultCountryCode: agent.organization.defaultCountryCode,
      canLookUp: !!integration,
      receivedAt: new Date(),
      leads,
      request: {
        ...storedRequestOf(query, contentType, raw, repairs),
        eventType: eventType === null ? null : cleanText(eventType, repairs),
      },
    });
  } catch (err) {
    await releaseReplayKeys(claimed).catch(() => {});
    const known = knownApiError(err, WEBHOOK_ERRORS);
    // Our own failure is logged too (when the database lets us), as the 503 the CRM will be answered.
    const logged = known ?? WEBHOOK_ERRORS.unexpected();
    await recordRefusedDelivery({
      orgId,
      agentId,
      crm,
      httpStatus: logged.status,
      code: logged.code,
      message: logged.message,
      request: storedRequestOf(query, contentType, raw, repairs),
    }).catch((logErr: unknown) => console.error("crm webhook: a refusal could not be logged", errorSummary(logErr)));
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
  const repairs = noRepairs();
  const query = cleanQuery(url.searchParams, repairs);
  const crm = crmOf(query);
  let orgId: string | null = null;
  try {
    // Which of two keys was meant cannot be known; refused before either is tried.
    const ambiguousKey = ambiguousParams(query, new Set(["x_api_key"]));
    if (ambiguousKey) throw ambiguousKey;
    // The key rides in the URL or a header, so the caller is known before the body is read and even a 413 is logged.
    orgId = (await authenticateApiKey(query.get("x_api_key") ?? req.headers.get("x-api-key"))).orgId;
    const raw = await readRawBody(req);
    const publicUrl = `${env().LEADLINE_PUBLIC_URL}${url.pathname}${url.search}`;
    const outcome = await ingestWebhookRequest({
      orgId,
      query: url.searchParams,
      contentType: req.headers.get("content-type"),
      raw,
      signed: { method: req.method, publicUrl, headers: req.headers, rawBody: raw },
    });
    return crm === "hubspot" ? respondToHubSpot(outcome) : respondToLeadSquared(outcome);
  } catch (err) {
    const known = knownApiError(err, WEBHOOK_ERRORS);
    if (known?.code === "body_too_large" && orgId) {
      const declared = req.headers.get("content-length");
      const dropped = `The body${declared ? ` (${declared} bytes)` : ""} was over the ${MAX_BODY_BYTES / 1024} KB limit and was not stored.`;
      await recordRefusedDelivery({
        orgId,
        agentId: null,
        crm,
        httpStatus: 413,
        code: known.code,
        message: known.message,
        request: storedRequestOf(query, req.headers.get("content-type"), "", repairs, dropped),
      }).catch((logErr: unknown) => console.error("crm webhook: a refusal could not be logged", errorSummary(logErr)));
      const answer = refuse(crm, known);
      if (known.options.closeConnection) answer.headers.set("connection", "close");
      return answer;
    }
    return refuse(crm, toApiError(err, WEBHOOK_ERRORS));
  }
}
