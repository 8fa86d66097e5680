import "server-only";
import { findAgent } from "@/lib/agents/queries";
import { authenticateApiKey } from "@/lib/api-keys/queries";
import type { LeadSquaredClient } from "@/lib/crm/leadsquared/client";
import { registrationTarget, sameWebhookUrl, urlWithoutSecrets, webhookBody } from "@/lib/crm/leadsquared/webhook-definition";
import { eventByCode } from "@/lib/crm/leadsquared/webhook-events";
import type { LeadSquaredWebhookValues } from "@/lib/crm/leadsquared/webhook-schema";
import { leadSquaredFailure } from "@/lib/crm-webhooks/crm-failure";
import { db } from "@/lib/db";
import type { CrmWebhook } from "@/lib/generated/prisma/client";
import { CrmError } from "@/lib/http/fetch-json";
import { ApiError } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import { findIntegration, leadSquaredClientFor } from "@/lib/integrations/queries";

export type Sleep = (ms: number) => Promise<void>;
const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
// Calls are already paced by the account's limiter (rate-limit.ts); a 429 still means another client spent the
// budget, so wait the documented window and try again, twice at most, while the admin waits for the answer.
const RATE_LIMIT_TRIES = 3;
const WEBHOOK_PATHS = ["/api/call/crm-webhook", "/call/crm-webhook"];
// Retrieve filters by StatusCode: 0 enabled, 1 disabled by hand, 2 disabled after failures (api-facts §1.5.7).
const STATUS_CODES = [0, 1, 2];

export function presentCrmWebhook(row: CrmWebhook) {
  return { ...row, eventLabel: eventByCode(row.event)?.label ?? `Event ${row.event}` };
}
export type CrmWebhookView = ReturnType<typeof presentCrmWebhook>;

async function withRateLimitRetry<T>(run: () => Promise<T>, sleep: Sleep): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (!(err instanceof CrmError)) throw err;
      if (err.kind !== "rate_limited" || attempt >= RATE_LIMIT_TRIES) throw leadSquaredFailure(err);
      await sleep(err.retryAfterMs ?? 5_000);
    }
  }
}

async function connectedClient(orgId: string): Promise<LeadSquaredClient> {
  const integration = await findIntegration(orgId, "leadsquared");
  if (!integration) {
    throw new ApiError(
      409,
      "leadsquared_not_connected",
      "Connect LeadSquared under Integrations first; Leadline registers the webhook with its keys.",
      [{ field: "integration", message: "Connect LeadSquared first." }],
    );
  }
  return leadSquaredClientFor(integration);
}

/** The builder's URL must be this organisation's webhook for one of its agents, with a key of this organisation. */
async function checkTarget(orgId: string, values: LeadSquaredWebhookValues) {
  const parsed = new URL(values.url);
  const agentId = parsed.searchParams.get("agent_id");
  if (!WEBHOOK_PATHS.includes(parsed.pathname) || parsed.searchParams.get("type") !== "leadsquared" || !agentId) {
    throw new ApiError(
      400,
      "invalid_webhook_url",
      "Register a LeadSquared webhook URL from the builder (…/api/call/crm-webhook?agent_id=…&type=leadsquared).",
      [{ field: "url", message: "Not a Leadline LeadSquared webhook URL." }],
    );
  }
  const agent = await findAgent(orgId, agentId);
  const target = registrationTarget(values.url, values.event);
  const apiKey = target.apiKey ?? values.apiKey ?? null;
  if (!apiKey)
    throw new ApiError(400, "missing_api_key", "The webhook needs a Leadline API key: paste or create one in the builder.", [
      { field: "apiKey", message: "Required." },
    ]);
  const key = await authenticateApiKey(apiKey).catch(() => null);
  if (key?.orgId !== orgId) {
    throw new ApiError(
      400,
      "invalid_api_key",
      "That API key is not a valid key of this organisation; LeadSquared's posts would be refused.",
      [{ field: "apiKey", message: "Use a valid key of this organisation." }],
    );
  }
  return { agent, target: { url: target.url, apiKey } };
}

/**
 * Create in LeadSquared: checks the URL is not registered already (any status), registers it with the key in an
 * X-API-KEY header, and remembers LeadSquared's id. A URL LeadSquared already has is a 409 naming its id.
 */
export async function registerLeadSquaredWebhook(
  input: { orgId: string; createdBy: string; values: LeadSquaredWebhookValues },
  sleep: Sleep = realSleep,
): Promise<CrmWebhookView> {
  const { orgId, values } = input;
  const { agent, target } = await checkTarget(orgId, values);
  const client = await connectedClient(orgId);
  for (const statusCode of STATUS_CODES) {
    const existing = (await withRateLimitRetry(() => client.listWebhooks({ statusCode }), sleep)).find((w) =>
      sameWebhookUrl(w.url, target.url),
    );
    if (existing) {
      const state = statusCode === 0 ? "enabled" : statusCode === 1 ? "disabled by hand" : "disabled after failed deliveries";
      throw new ApiError(409, "already_registered", `LeadSquared already has a webhook for this URL (id ${existing.id}, ${state}).`, [
        { field: "url", message: "Already registered in LeadSquared." },
      ]);
    }
  }
  const { id } = await withRateLimitRetry(() => client.createWebhook(webhookBody(values, target)), sleep);
  const row = await db.crmWebhook.create({
    data: {
      id: newId("whk"),
      orgId,
      agentId: agent.id,
      crm: "leadsquared",
      externalId: id,
      url: urlWithoutSecrets(target.url),
      event: values.event,
      description: values.description,
      createdBy: input.createdBy,
    },
  });
  return presentCrmWebhook(row);
}

/** What Leadline registered, newest first; one agent's when agentId is given. */
export async function listLeadSquaredWebhooks(orgId: string, agentId?: string): Promise<CrmWebhookView[]> {
  const rows = await db.crmWebhook.findMany({
    where: { orgId, crm: "leadsquared", ...(agentId ? { agentId } : {}) },
    orderBy: { createdAt: "desc" },
  });
  return rows.map(presentCrmWebhook);
}

async function findRow(orgId: string, id: string): Promise<CrmWebhook> {
  const row = await db.crmWebhook.findFirst({ where: { id, orgId, crm: "leadsquared" } });
  if (!row) throw new ApiError(404, "unknown_webhook", `No webhook ${id} registered by Leadline in your organisation.`);
  return row;
}

/** Replaces the webhook's settings in LeadSquared (Webhook.svc/Update), then here. */
export async function updateLeadSquaredWebhook(
  input: { orgId: string; id: string; values: LeadSquaredWebhookValues },
  sleep: Sleep = realSleep,
): Promise<CrmWebhookView> {
  const row = await findRow(input.orgId, input.id);
  const { agent, target } = await checkTarget(input.orgId, input.values);
  const client = await connectedClient(input.orgId);
  await withRateLimitRetry(() => client.updateWebhook(row.externalId, webhookBody(input.values, target)), sleep);
  const updated = await db.crmWebhook.update({
    where: { id: row.id },
    data: { agentId: agent.id, url: urlWithoutSecrets(target.url), event: input.values.event, description: input.values.description },
  });
  return presentCrmWebhook(updated);
}

/** LeadSquared's API has no delete (api-facts §1.5.7): this only forgets the webhook in Leadline. */
export async function forgetLeadSquaredWebhook(orgId: string, id: string): Promise<void> {
  const row = await findRow(orgId, id);
  await db.crmWebhook.delete({ where: { id: row.id } });
}
