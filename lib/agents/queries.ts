import "server-only";
import { randomBytes } from "node:crypto";
import type { z } from "zod";
import { agentInputSchema, agentUpdateSchema } from "@/lib/agents/schema";
import { decryptSecret, encryptSecret, secretHint } from "@/lib/crypto/secrets";
import { OPEN_STATUSES } from "@/lib/calls/state";
import { db } from "@/lib/db";
import { readCache } from "@/lib/db/read-cache";
import { env } from "@/lib/env";
import type { Agent, Prisma } from "@/lib/generated/prisma/client";
import { ApiError } from "@/lib/http/errors";
import { newId } from "@/lib/ids";

type AgentSecrets = { apiKey?: string; webhookSecret: string };

export function agentSecrets(agent: Pick<Agent, "providerSecrets">): AgentSecrets {
  if (!agent.providerSecrets) throw new Error("Agent has no provider secrets");
  return JSON.parse(decryptSecret(agent.providerSecrets, env().LEADLINE_ENCRYPTION_KEY)) as AgentSecrets;
}

function sealSecrets(secrets: AgentSecrets): string {
  return encryptSecret(JSON.stringify(secrets), env().LEADLINE_ENCRYPTION_KEY);
}

/** The agent as the API and dashboard see it: secrets only as their last four characters. */
export function presentAgent(agent: Agent) {
  const { providerSecrets, ...rest } = agent;
  const apiKey = providerSecrets ? agentSecrets({ providerSecrets }).apiKey : undefined;
  return { ...rest, providerApiKey: apiKey ? secretHint(apiKey) : null };
}

/** Members see calls, not how agents reach the provider: its settings and key hint are for admins and API keys only. */
export function presentAgentTo(caller: { via: string; user?: { role: string } }, agent: ReturnType<typeof presentAgent>) {
  if (caller.via !== "session" || caller.user?.role === "admin") return agent;
  const { providerSettings: _settings, providerApiKey: _key, ...rest } = agent;
  return rest;
}

function assertProviderReady(agent: { provider: string; providerSettings: Prisma.JsonValue }, apiKey: string | undefined) {
  if (agent.provider !== "vapi") return;
  const settings = agent.providerSettings as Record<string, string | undefined>;
  const details = [
    !settings.assistantId && { field: "providerSettings.assistantId", message: "Vapi needs the assistant id that should place the calls." },
    !settings.phoneNumberId && { field: "providerSettings.phoneNumberId", message: "Vapi needs the id of the phone number to call from." },
    !apiKey && { field: "providerApiKey", message: "Vapi needs your private API key." },
  ].filter((d): d is { field: string; message: string } => !!d);
  if (details.length) throw new ApiError(400, "invalid_request", details.map((d) => d.message).join(" "), details);
}

export async function createAgent(orgId: string, input: z.output<typeof agentInputSchema>) {
  const { providerApiKey, ...fields } = input;
  assertProviderReady(fields, providerApiKey);
  // Each agent gets its own secret for the provider's status webhooks, so one leaked URL cannot forge another agent's.
  const secrets: AgentSecrets = { apiKey: providerApiKey, webhookSecret: randomBytes(24).toString("base64url") };
  const agent = await db.agent.create({ data: { id: newId("agt"), orgId, ...fields, providerSecrets: sealSecrets(secrets) } });
  return presentAgent(agent);
}

// A deleted agent that had calls is archived, not removed: it stays only for its calls' history.
const LIVE = { archivedAt: null };

export async function findAgent(orgId: string, agentId: string): Promise<Agent> {
  const agent = await db.agent.findFirst({ where: { id: agentId, orgId, ...LIVE } });
  // The same answer whether the agent exists in another organisation or nowhere.
  if (!agent) throw new ApiError(404, "unknown_agent", `No agent ${agentId} in your organisation. Copy the agent id from Agents.`);
  return agent;
}

/** How long another process may use an agent's settings, variables and organisation defaults after they changed. */
export const AGENT_CACHE_MS = 2_000;
const webhookAgents = readCache<string, Awaited<ReturnType<typeof readWebhookAgent>>>({
  ttlMs: AGENT_CACHE_MS,
  sharedAs: "webhook-agents",
});

function readWebhookAgent(orgId: string, agentId: string) {
  return db.agent.findFirst({
    where: { id: agentId, orgId, ...LIVE },
    include: { variables: { orderBy: { position: "asc" } }, organization: true },
  });
}

/** The agent with what a CRM webhook needs (variables in order, the organisation's defaults), memoised for the webhook's hot path. */
export function findWebhookAgent(orgId: string, agentId: string) {
  return webhookAgents.get(`${orgId}:${agentId}`, () => readWebhookAgent(orgId, agentId));
}

// Archived agents too: their calls in flight still report and settle.
const agentsById = readCache<string, Agent>({ ttlMs: AGENT_CACHE_MS, sharedAs: "agents" });

/**
 * An agent by id alone, memoised: in a rush every provider report (the status route) and every step of the call
 * engine reads the same few rows. Not scoped to an organisation: for callers that got the id from a verified record.
 */
export function findCachedAgent(agentId: string): Promise<Agent | null> {
  return agentsById.get(agentId, () => db.agent.findUnique({ where: { id: agentId } }));
}

/** findCachedAgent for several ids at once, by id; an id with no agent is left out. */
export async function findCachedAgents(agentIds: Iterable<string>): Promise<Map<string, Agent>> {
  const agents = await Promise.all([...new Set(agentIds)].map(findCachedAgent));
  return new Map(agents.flatMap((a) => (a ? [[a.id, a] as const] : [])));
}

/** After a write to an agent or its variables: this process reads them afresh at once. */
export function forgetCachedAgent(agentId: string) {
  webhookAgents.forget((_, agent) => agent!.id === agentId);
  agentsById.forget((id) => id === agentId);
}

export async function listAgents(orgId: string) {
  const agents = await db.agent.findMany({ where: { orgId, ...LIVE }, orderBy: { createdAt: "asc" } });
  return agents.map(presentAgent);
}

/** Every agent's name, for lists of calls and deliveries: a deleted agent's calls still say whose they were. */
export async function agentNames(orgId: string): Promise<Array<{ id: string; name: string }>> {
  const agents = await db.agent.findMany({
    where: { orgId },
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, archivedAt: true },
  });
  return agents.map((a) => ({ id: a.id, name: a.archivedAt ? `${a.name} (deleted)` : a.name }));
}

export async function updateAgent(orgId: string, agentId: string, patch: z.output<typeof agentUpdateSchema>) {
  const current = await findAgent(orgId, agentId);
  const { providerApiKey, ...fields } = patch;
  const secrets = agentSecrets(current);
  const next = { provider: fields.provider ?? current.provider, providerSettings: fields.providerSettings ?? current.providerSettings };
  assertProviderReady(next, providerApiKey ?? secrets.apiKey);
  const agent = await db.agent.update({
    where: { id: current.id },
    data: { ...fields, ...(providerApiKey ? { providerSecrets: sealSecrets({ ...secrets, apiKey: providerApiKey }) } : {}) },
  });
  forgetCachedAgent(agent.id);
  return presentAgent(agent);
}

export async function deleteAgent(orgId: string, agentId: string) {
  const agent = await findAgent(orgId, agentId);
  const active = await db.callTask.count({ where: { agentId: agent.id, status: { in: [...OPEN_STATUSES] } } });
  if (active) {
    throw new ApiError(
      409,
      "agent_busy",
      `Agent ${agentId} still has ${active} scheduled or live calls. Cancel them first, then delete the agent.`,
    );
  }
  // Call History is a record of what was said to whom: an agent that placed calls is archived so they stay.
  const calls = await db.callTask.count({ where: { agentId: agent.id } });
  if (calls) await db.agent.update({ where: { id: agent.id }, data: { archivedAt: new Date() } });
  else await db.agent.delete({ where: { id: agent.id } });
  forgetCachedAgent(agent.id);
  return { keptCalls: calls };
}
