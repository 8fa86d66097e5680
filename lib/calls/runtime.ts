import "server-only";
import { createHmac } from "node:crypto";
import { agentSecrets } from "@/lib/agents/queries";
import type { ProviderBinding, StepDeps } from "@/lib/calls/engine";
import { env } from "@/lib/env";
import type { Agent } from "@/lib/generated/prisma/client";
import { voiceProviderFor } from "@/lib/providers/voice";

/** The simulator signs its reports with a key derived from the server's own, so no setting is needed for it. */
export function simulatorSecret(): string {
  return createHmac("sha256", env().LEADLINE_ENCRYPTION_KEY).update("leadline simulator reports").digest("base64url");
}

export function providerCredentials(agent: Agent): Record<string, string> {
  if (agent.provider === "simulator") return { webhookSecret: simulatorSecret() };
  const secrets = agentSecrets(agent);
  return { webhookSecret: secrets.webhookSecret, ...(secrets.apiKey ? { apiKey: secrets.apiKey } : {}) };
}

export function statusUrl(agent: Pick<Agent, "id" | "provider">): string {
  return `${env().LEADLINE_PUBLIC_URL}/api/call/status/${agent.provider}?agent_id=${agent.id}`;
}

export function providerBinding(agent: Agent): ProviderBinding {
  const e = env();
  const provider = voiceProviderFor(agent.provider, {
    simulator: { delayMs: e.LEADLINE_SIMULATOR_DELAY_MS, secret: simulatorSecret() },
    vapi: e.VAPI_BASE_URL ? { baseUrl: e.VAPI_BASE_URL } : undefined,
  });
  return { provider, credentials: providerCredentials(agent), statusUrl: statusUrl(agent) };
}

/** The production dependencies of the call steps; the CRM side (reading leads, the delivery log) comes from the caller. */
export function stepDeps(crm: Pick<StepDeps, "lookupLeads" | "leadRejected">): StepDeps {
  const e = env();
  return {
    providerFor: providerBinding,
    ...crm,
    now: () => new Date(),
    outcomeTimeoutMs: e.LEADLINE_OUTCOME_TIMEOUT_MS,
    dialInFlightMs: e.LEADLINE_DIAL_IN_FLIGHT_MS,
    dialGiveUpMs: e.LEADLINE_DIAL_GIVE_UP_MS,
    sweepGraceMs: e.LEADLINE_SWEEP_GRACE_MS,
  };
}
