import "server-only";
import { newSigningSecret } from "@/lib/call-webhooks/signature";
import type { CallWebhookSettings } from "@/lib/call-webhooks/schema";
import { decryptSecret, encryptSecret, secretHint } from "@/lib/crypto/secrets";
import { db, type Db, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import type { WebhookEndpoint } from "@/lib/generated/prisma/client";
import { ApiError } from "@/lib/http/errors";
import { randomToken } from "@/lib/ids";

const ORG_SCOPE = "org";

/** The endpoint as the API shows it: the secret only as its last four characters. */
export type CallWebhookView = Omit<WebhookEndpoint, "secret" | "orgId" | "scopeKey"> & { scope: string };

function present(row: Omit<WebhookEndpoint, "secret">): CallWebhookView {
  const { orgId: _org, scopeKey, ...rest } = row;
  return { ...rest, scope: scopeKey };
}

async function assertScope(orgId: string, scope: string, tx: Db | Tx = db): Promise<string | null> {
  if (scope === ORG_SCOPE) return null;
  const agent = await tx.agent.findFirst({ where: { id: scope, orgId }, select: { id: true } });
  if (!agent) throw new ApiError(404, "unknown_agent", `No agent ${scope} in your organisation.`);
  return agent.id;
}

function seal(secret: string) {
  return { secret: encryptSecret(secret, env().LEADLINE_ENCRYPTION_KEY), secretHint: secretHint(secret) };
}

export async function listCallWebhooks(orgId: string): Promise<CallWebhookView[]> {
  const rows = await db.webhookEndpoint.findMany({ where: { orgId }, orderBy: [{ agentId: { sort: "asc", nulls: "first" } }] });
  return rows.map(present);
}

export async function getCallWebhook(orgId: string, scope: string): Promise<CallWebhookView | null> {
  const row = await db.webhookEndpoint.findUnique({ where: { orgId_scopeKey: { orgId, scopeKey: scope } } });
  return row ? present(row) : null;
}

/**
 * Creates or changes the scope's endpoint. A new endpoint gets a signing secret, returned this once; turning an
 * endpoint back on clears the reason Leadline had turned it off.
 */
export async function saveCallWebhook(
  orgId: string,
  scope: string,
  input: CallWebhookSettings,
): Promise<{ endpoint: CallWebhookView; secret: string | null }> {
  const agentId = await assertScope(orgId, scope);
  const settings = { url: input.url, events: input.events, enabled: input.enabled, ...(input.enabled ? { disabledReason: null } : {}) };
  const where = { orgId_scopeKey: { orgId, scopeKey: scope } };
  if (await db.webhookEndpoint.findUnique({ where, select: { id: true } })) {
    return { endpoint: present(await db.webhookEndpoint.update({ where, data: settings })), secret: null };
  }
  const secret = newSigningSecret();
  try {
    const row = await db.webhookEndpoint.create({
      data: { id: `whe_${randomToken(20)}`, orgId, agentId, scopeKey: scope, ...settings, ...seal(secret) },
    });
    return { endpoint: present(row), secret };
  } catch (err) {
    // Another save created it first: this one changes its settings, and the secret stays the one shown to the other.
    if ((err as { code?: unknown }).code !== "P2002") throw err;
    return { endpoint: present(await db.webhookEndpoint.update({ where, data: settings })), secret: null };
  }
}

/** A new signing secret, in force for the next post (retries and replays included); returned this once. */
export async function rotateCallWebhookSecret(orgId: string, scope: string): Promise<{ endpoint: CallWebhookView; secret: string }> {
  const secret = newSigningSecret();
  const { count } = await db.webhookEndpoint.updateMany({
    where: { orgId, scopeKey: scope },
    data: { ...seal(secret), secretRotatedAt: new Date() },
  });
  if (!count) throw notSet(scope);
  const endpoint = await getCallWebhook(orgId, scope);
  if (!endpoint) throw notSet(scope);
  return { endpoint, secret };
}

export async function deleteCallWebhook(orgId: string, scope: string): Promise<void> {
  const { count } = await db.webhookEndpoint.deleteMany({ where: { orgId, scopeKey: scope } });
  if (!count) throw notSet(scope);
}

function notSet(scope: string) {
  return new ApiError(404, "webhook_not_set", `No call-ended webhook is set for ${scope === ORG_SCOPE ? "the organisation" : scope}.`);
}

/** The endpoints that hear about an agent's calls: its organisation's and its own, switched on. */
export async function endpointsForAgent(tx: Db | Tx, agentId: string) {
  return tx.webhookEndpoint.findMany({
    where: { scopeKey: { in: [ORG_SCOPE, agentId] }, enabled: true, organization: { agents: { some: { id: agentId } } } },
    select: { id: true, events: true },
  });
}

/** The endpoint a delivery posts to, with its secret decrypted: for the sender only. */
export async function endpointForPost(orgId: string, id: string) {
  const row = await db.webhookEndpoint.findFirst({
    where: { id, orgId },
    select: { id: true, url: true, enabled: true, disabledReason: true, secret: true },
  });
  return row && { ...row, secret: decryptSecret(row.secret, env().LEADLINE_ENCRYPTION_KEY) };
}

/** The receiver said 410 Gone: no more posts until an admin turns it back on. */
export async function disableEndpoint(orgId: string, id: string, reason: string): Promise<void> {
  await db.webhookEndpoint.updateMany({ where: { id, orgId }, data: { enabled: false, disabledReason: reason } });
}
