import "server-only";
import { type Crm, CRM_NAMES } from "@/lib/crm/crms";
import { createHubSpotClient, type HubSpotClient } from "@/lib/crm/hubspot/client";
import { checkLeadSquaredHost } from "@/lib/crm/leadsquared/host";
import { createLeadSquaredClient, type LeadSquaredClient } from "@/lib/crm/leadsquared/client";
import { createAccountLimiters, type RateLimiter } from "@/lib/crm/leadsquared/rate-limit";
import { decryptSecret, encryptSecret, secretHint } from "@/lib/crypto/secrets";
import { db, pool } from "@/lib/db";
import { readCache } from "@/lib/db/read-cache";
import { env } from "@/lib/env";
import type { Integration } from "@/lib/generated/prisma/client";
import { ApiError } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import { describeFailure } from "@/lib/integrations/check-failure";
import { checkHubSpot, checkLeadSquared, type CheckResult } from "@/lib/integrations/check";
import { keepStoredSecrets } from "@/lib/integrations/keep-secrets";
import { SECRET_PROMPTS, type HubSpotSecrets, type LeadSquaredSecrets } from "@/lib/integrations/schema";
import type { hubSpotConnectSchema, leadSquaredConnectSchema } from "@/lib/integrations/schema";
import type { z } from "zod";

// One limiter per LeadSquared account in this process: LeadSquared allows 25 calls per 5 seconds per account.
const limiters = createAccountLimiters();

function secretsOf<T>(integration: Pick<Integration, "secrets">): T {
  return JSON.parse(decryptSecret(integration.secrets, env().LEADLINE_ENCRYPTION_KEY)) as T;
}

/** What the API and the browser see: status, settings and the last four characters of each secret. */
export function presentIntegration(integration: Integration) {
  const secrets = secretsOf<Record<string, string | undefined>>(integration);
  const hints = Object.fromEntries(
    Object.entries(secrets)
      .filter(([, v]) => v)
      .map(([k, v]) => [k, secretHint(v!)]),
  );
  const { secrets: _sealed, ...rest } = integration;
  return { ...rest, secretHints: hints };
}

/** `limiter`: another pacing than this process's own (the CRM write pipeline passes the account's shared budget). */
export function leadSquaredClientFor(integration: Integration, limiter?: RateLimiter): LeadSquaredClient {
  const { accessKey, secretKey } = secretsOf<LeadSquaredSecrets>(integration);
  const { host } = integration.config as { host: string };
  return createLeadSquaredClient({ baseUrl: host, accessKey, secretKey, limiter: limiter ?? limiters.forAccount(accessKey) });
}

export function hubSpotClientFor(integration: Integration): HubSpotClient {
  return createHubSpotClient({ baseUrl: env().HUBSPOT_API_BASE_URL, token: secretsOf<HubSpotSecrets>(integration).token });
}

export function hubSpotClientSecret(integration: Pick<Integration, "secrets">): string | undefined {
  return secretsOf<HubSpotSecrets>(integration).clientSecret;
}

export function findIntegration(orgId: string, crm: Crm) {
  return db.integration.findUnique({ where: { orgId_crm: { orgId, crm } } });
}

// The webhook reads this for every delivery. "Not connected" is remembered too (as null secrets): an organisation
// without an integration is the common case, and the number of (organisation, CRM) pairs is bounded.
export const INTEGRATION_CACHE_MS = 2_000;
const integrationSecrets = readCache<string, { secrets: string | null }>({ ttlMs: INTEGRATION_CACHE_MS, sharedAs: "integration-secrets" });

/**
 * The webhook's read: whether the CRM is connected, and its sealed secrets. A connection or disconnection counts at
 * once in this process and within INTEGRATION_CACHE_MS in others.
 */
export async function findIntegrationSecrets(orgId: string, crm: Crm): Promise<Pick<Integration, "secrets"> | null> {
  const found = await integrationSecrets.get(`${orgId} ${crm}`, async () => {
    const { rows } = await pool().query<{ secrets: string }>({
      name: "integration-secrets",
      text: "SELECT secrets FROM integrations WHERE org_id = $1 AND crm = $2",
      values: [orgId, crm],
    });
    return { secrets: rows[0]?.secrets ?? null };
  });
  return found?.secrets ? { secrets: found.secrets } : null;
}

const forgetIntegration = (orgId: string, crm: Crm) => integrationSecrets.forget((key) => key === `${orgId} ${crm}`);

type SecretPrompt = keyof typeof SECRET_PROMPTS;

/** Given secrets replace stored ones, empty ones keep them; a required secret that is neither is a 400 on its field. */
async function secretsForUpdate<K extends SecretPrompt | "clientSecret", R extends K & SecretPrompt>(
  orgId: string,
  crm: Crm,
  given: Partial<Record<K, string>>,
  names: readonly K[],
  required: readonly R[],
) {
  const stored = await findIntegration(orgId, crm);
  const merged = keepStoredSecrets(given, stored && secretsOf<Partial<Record<K, string>>>(stored), names, required);
  if (merged.ok) return merged.secrets;
  const details = merged.missing.map((field) => ({ field, message: SECRET_PROMPTS[field] }));
  throw new ApiError(400, "invalid_request", details.map((d) => d.message).join(" "), details);
}

function configOrThrow(result: CheckResult) {
  if (result.ok) return result.config;
  const { code, field, summary, message } = result.failure;
  throw new ApiError(400, code, `${summary}. ${message}`, field ? [{ field, message }] : undefined);
}

/**
 * Checks the credentials with a real API call, then stores them encrypted; nothing is stored when the check fails.
 * Secrets left empty keep the stored ones, so an admin can change the host without pasting the keys again.
 */
export async function connectLeadSquared(orgId: string, input: z.output<typeof leadSquaredConnectSchema>) {
  const host = checkLeadSquaredHost(input.host, env().LEADLINE_LEADSQUARED_ALLOWED_HOSTS);
  if (!host.ok) throw new ApiError(400, "invalid_host", host.reason, [{ field: "host", message: host.reason }]);
  const names = ["accessKey", "secretKey"] as const;
  const secrets: LeadSquaredSecrets = await secretsForUpdate(orgId, "leadsquared", input, names, names);
  const client = createLeadSquaredClient({ baseUrl: host.baseUrl, ...secrets });
  return save(orgId, "leadsquared", configOrThrow(await checkLeadSquared(client, host.baseUrl)), secrets);
}

export async function connectHubSpot(orgId: string, input: z.output<typeof hubSpotConnectSchema>) {
  const secrets: HubSpotSecrets = await secretsForUpdate(orgId, "hubspot", input, ["token", "clientSecret"], ["token"]);
  const client = createHubSpotClient({ baseUrl: env().HUBSPOT_API_BASE_URL, token: secrets.token });
  return save(orgId, "hubspot", configOrThrow(await checkHubSpot(client)), secrets);
}

async function save(orgId: string, crm: Crm, config: object, secrets: object) {
  const data = {
    config,
    secrets: encryptSecret(JSON.stringify(secrets), env().LEADLINE_ENCRYPTION_KEY),
    status: "connected",
    lastCheckedAt: new Date(),
    lastError: null,
  };
  const row = await db.integration.upsert({
    where: { orgId_crm: { orgId, crm } },
    create: { id: newId("int"), orgId, crm, ...data },
    update: data,
  });
  forgetIntegration(orgId, crm);
  return presentIntegration(row);
}

/** Checks the stored credentials again and records the outcome; a failed check keeps the integration, with its error. */
export async function testIntegration(orgId: string, crm: Crm) {
  const integration = await findIntegration(orgId, crm);
  if (!integration) throw new ApiError(404, "not_connected", `${CRM_NAMES[crm]} is not connected. Connect it first.`);
  const result =
    crm === "leadsquared"
      ? await checkLeadSquared(leadSquaredClientFor(integration), (integration.config as { host: string }).host)
      : await checkHubSpot(hubSpotClientFor(integration));
  const outcome = result.ok
    ? { status: "connected", lastError: null, config: result.config }
    : { status: "error", lastError: describeFailure(result.failure) };
  const row = await db.integration.update({ where: { orgId_crm: { orgId, crm } }, data: { ...outcome, lastCheckedAt: new Date() } });
  return presentIntegration(row);
}

export async function listIntegrations(orgId: string) {
  return (await db.integration.findMany({ where: { orgId }, orderBy: { crm: "asc" } })).map(presentIntegration);
}

export async function disconnectIntegration(orgId: string, crm: Crm) {
  await db.integration.deleteMany({ where: { orgId, crm } });
  forgetIntegration(orgId, crm);
}
