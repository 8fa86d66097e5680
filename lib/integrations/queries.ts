import "server-only";
import { createHubSpotClient, type HubSpotClient } from "@/lib/crm/hubspot/client";
import { checkLeadSquaredHost } from "@/lib/crm/leadsquared/host";
import { createLeadSquaredClient, type LeadSquaredClient } from "@/lib/crm/leadsquared/client";
import { createAccountLimiters } from "@/lib/crm/leadsquared/rate-limit";
import { decryptSecret, encryptSecret, secretHint } from "@/lib/crypto/secrets";
import { db, pool } from "@/lib/db";
import { env } from "@/lib/env";
import type { CrmType, Integration } from "@/lib/generated/prisma/client";
import { CrmError } from "@/lib/http/fetch-json";
import { ApiError } from "@/lib/http/errors";
import { newId } from "@/lib/ids";
import type { HubSpotSecrets, LeadSquaredSecrets } from "@/lib/integrations/schema";
import { hubSpotConnectSchema, leadSquaredConnectSchema } from "@/lib/integrations/schema";
import type { z } from "zod";

// One limiter per LeadSquared account in this process: LeadSquared allows 25 calls per 5 seconds per account.
const limiters = createAccountLimiters();

function secretsOf<T>(integration: Pick<Integration, "secrets">): T {
  return JSON.parse(decryptSecret(integration.secrets, env().LEADLINE_ENCRYPTION_KEY)) as T;
}

/** What the API and the browser see: status, settings and the last four characters of each secret. */
export function presentIntegration(integration: Integration) {
  const secrets = secretsOf<Record<string, string | undefined>>(integration);
  const hints = Object.fromEntries(Object.entries(secrets).filter(([, v]) => v).map(([k, v]) => [k, secretHint(v!)]));
  const { secrets: _sealed, ...rest } = integration;
  return { ...rest, secretHints: hints };
}

export function leadSquaredClientFor(integration: Integration): LeadSquaredClient {
  const { accessKey, secretKey } = secretsOf<LeadSquaredSecrets>(integration);
  const { host } = integration.config as { host: string };
  return createLeadSquaredClient({ baseUrl: host, accessKey, secretKey, limiter: limiters.forAccount(accessKey) });
}

export function hubSpotClientFor(integration: Integration): HubSpotClient {
  return createHubSpotClient({ baseUrl: env().HUBSPOT_API_BASE_URL, token: secretsOf<HubSpotSecrets>(integration).token });
}

export function hubSpotClientSecret(integration: Pick<Integration, "secrets">): string | undefined {
  return secretsOf<HubSpotSecrets>(integration).clientSecret;
}

export function findIntegration(orgId: string, crm: CrmType) {
  return db.integration.findUnique({ where: { orgId_crm: { orgId, crm } } });
}

/** The webhook's read, on every delivery so a connection or disconnection counts at once: whether the CRM is connected, and its sealed secrets. */
export async function findIntegrationSecrets(orgId: string, crm: CrmType): Promise<Pick<Integration, "secrets"> | null> {
  const { rows } = await pool().query<{ secrets: string }>({ name: "integration-secrets", text: "SELECT secrets FROM integrations WHERE org_id = $1 AND crm = $2", values: [orgId, crm] });
  return rows[0] ?? null;
}

/** A failed credential check, told to the admin next to the field to fix; anything unexpected stays a 500. */
async function checked<T>(check: Promise<T>, field: string): Promise<T> {
  try {
    return await check;
  } catch (err) {
    if (err instanceof CrmError) throw new ApiError(400, `crm_${err.kind}`, err.message, [{ field, message: err.message }]);
    throw err;
  }
}

/** Checks the credentials with a real API call, then stores them encrypted. Nothing is stored when the check fails. */
export async function connectLeadSquared(orgId: string, input: z.output<typeof leadSquaredConnectSchema>) {
  const host = checkLeadSquaredHost(input.host, env().LEADLINE_LEADSQUARED_ALLOWED_HOSTS);
  if (!host.ok) throw new ApiError(400, "invalid_host", host.reason, [{ field: "host", message: host.reason }]);
  const client = createLeadSquaredClient({ baseUrl: host.baseUrl, accessKey: input.accessKey, secretKey: input.secretKey });
  const account = await checked(client.checkCredentials(), "accessKey");
  return save(orgId, "leadsquared", { host: host.baseUrl, account: account.orgName ?? account.orgId }, { accessKey: input.accessKey, secretKey: input.secretKey });
}

export async function connectHubSpot(orgId: string, input: z.output<typeof hubSpotConnectSchema>) {
  const client = createHubSpotClient({ baseUrl: env().HUBSPOT_API_BASE_URL, token: input.token });
  const check = await checked(client.checkToken(), "token");
  if (check.missing.length) {
    const message = `The token lacks the scopes ${check.missing.join(", ")}. Add them to the private app, then copy its token again.`;
    throw new ApiError(400, "missing_scopes", message, [{ field: "token", message }]);
  }
  return save(orgId, "hubspot", { portalId: check.hubId }, { token: input.token, clientSecret: input.clientSecret });
}

async function save(orgId: string, crm: CrmType, config: object, secrets: object) {
  const data = { config, secrets: encryptSecret(JSON.stringify(secrets), env().LEADLINE_ENCRYPTION_KEY), status: "connected", lastCheckedAt: new Date(), lastError: null };
  const row = await db.integration.upsert({ where: { orgId_crm: { orgId, crm } }, create: { id: newId("int"), orgId, crm, ...data }, update: data });
  return presentIntegration(row);
}

export async function listIntegrations(orgId: string) {
  return (await db.integration.findMany({ where: { orgId }, orderBy: { crm: "asc" } })).map(presentIntegration);
}

export async function disconnectIntegration(orgId: string, crm: CrmType) {
  await db.integration.deleteMany({ where: { orgId, crm } });
}

export const connectSchemas = { leadsquared: leadSquaredConnectSchema, hubspot: hubSpotConnectSchema };
