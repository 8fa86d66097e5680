import "server-only";
import { findCachedAgent } from "@/lib/agents/queries";
import { providerBinding } from "@/lib/calls/runtime";
import { wakeSoon } from "@/lib/calls/wakeups";
import { recordReport } from "@/lib/calls/writes";
import { ApiError } from "@/lib/http/errors";
import { ProviderWebhookError } from "@/lib/providers/voice/port";

const PROVIDERS = new Set(["simulator", "vapi"]);

/** Verifies a provider's status report with the agent's own secret, records it once and wakes the task. */
export async function handleStatusWebhook(providerName: string, url: URL, headers: Headers, rawBody: string) {
  if (!PROVIDERS.has(providerName)) throw new ApiError(404, "unknown_provider", `Leadline has no voice provider called ${providerName}.`);
  const agentId = url.searchParams.get("agent_id");
  const agent = agentId ? await findCachedAgent(agentId) : null;
  // Forged or stale URLs get the same answer as a bad signature: nothing tells them which agents exist.
  if (!agent || agent.provider !== providerName) throw new ApiError(401, "unverified", "This status report could not be verified.");
  const { provider, credentials } = providerBinding(agent);
  let report;
  try {
    report = provider.parseStatusWebhook({ headers, rawBody, url }, credentials);
  } catch (err) {
    if (err instanceof ProviderWebhookError)
      throw new ApiError(err.status, err.status === 401 ? "unverified" : "invalid_report", err.message);
    throw err;
  }
  if (!report) return { recorded: false, reason: "not a final report" };
  const recorded = await recordReport(agent, report);
  // Neither its call id nor our attempt id is known (a provider that does not echo it, beating our write of the call
  // id): a 404 makes a provider that retries try again.
  if (!recorded) throw new ApiError(404, "unknown_call", `No attempt of agent ${agent.id} has provider call id ${report.providerCallId}.`);
  // The report queued the task's wake-up in its own transaction: settle it now rather than on the relay's clock.
  if (!recorded.duplicate) wakeSoon();
  return { recorded: true, duplicate: recorded.duplicate, callId: recorded.taskId, attempt: recorded.attempt };
}
