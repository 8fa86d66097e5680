import "server-only";
import type { Crm } from "@/lib/crm/crms";
import type { StepDeps } from "@/lib/calls/engine";
import { leadNameOf } from "@/lib/calls/lead-name";
import { markRejected, markResolved } from "@/lib/calls/writes";
import { db } from "@/lib/db";
import { CrmError } from "@/lib/http/fetch-json";
import { firstAttemptAt } from "@/lib/schedule/planner";
import type { ScheduleParams } from "@/lib/schedule/types";
import { resolveVariables } from "@/lib/variables/map";
import { toVariable } from "@/lib/variables/queries";

// HubSpot's batch read takes 100 ids; a delivery carries at most 100 events.
const BATCH = 100;

/**
 * Reads the lead from the CRM for a task that arrived without its fields (and, with it, every other resolving task of
 * the same delivery, so HubSpot's batches cost one API call), maps the agent's variables and plans the first attempt.
 * A lead without a usable phone ends here, and its delivery log entry says why. CRM errors throw: the task is woken
 * again later. Each resolved task is woken at its first attempt through the outbox.
 */
export async function resolveLeads(deps: StepDeps, taskId: string): Promise<{ scheduled: Array<{ taskId: string; at: string }> }> {
  const task = await db.callTask.findUnique({ where: { id: taskId } });
  if (!task || task.status !== "resolving") return { scheduled: [] };
  const batch = task.deliveryId
    ? await db.callTask.findMany({
        where: { deliveryId: task.deliveryId, agentId: task.agentId, status: "resolving" },
        take: BATCH,
        orderBy: { id: "asc" },
      })
    : [task];
  if (!batch.some((t) => t.id === task.id)) batch.push(task);
  const agent = await db.agent.findUniqueOrThrow({
    where: { id: task.agentId },
    include: { variables: { orderBy: { position: "asc" } }, organization: { select: { defaultCountryCode: true } } },
  });
  const now = deps.now();
  let fetched: Map<string, Record<string, unknown>>;
  try {
    fetched = await deps.lookupLeads(batch);
  } catch (err) {
    // A refusal retrying cannot cure (a revoked token, a deleted account) ends these leads with its reason.
    if (!(err instanceof CrmError) || err.transient) throw err;
    const reason = `Could not read the lead from the CRM: ${err.message}`;
    for (const t of batch)
      await rejectResolvingTask(deps, t.id, t.deliveryId, reason, (t.leadFields as Record<string, unknown> | null) ?? {}, now);
    return { scheduled: [] };
  }
  const scheduled: Array<{ taskId: string; at: string }> = [];
  for (const t of batch) {
    const lead = fetched.get(t.id) ?? (t.leadFields as Record<string, unknown> | null) ?? {};
    const resolved = resolveVariables({
      lead,
      variables: agent.variables.map(toVariable),
      defaultCountryCode: agent.organization.defaultCountryCode,
      phoneVariable: agent.phoneVariable,
      source: t.source as Crm,
      timeZone: t.timezone,
    });
    if (!resolved.phone) {
      const reason = resolved.problems.find((p) => p.blocking)?.message ?? "The lead has no usable phone number.";
      await rejectResolvingTask(deps, t.id, t.deliveryId, reason, lead, now);
      continue;
    }
    const first = firstAttemptAt({ receivedAt: t.createdAt, params: t.scheduleParams as unknown as ScheduleParams, zone: t.timezone });
    const resolvedTask = { phone: resolved.phone, variables: resolved.values, leadName: leadNameOf(resolved.values, lead), lead };
    if (await markResolved(t, resolvedTask, first)) scheduled.push({ taskId: t.id, at: first.at.toISOString() });
  }
  return { scheduled };
}

async function rejectResolvingTask(
  deps: StepDeps,
  taskId: string,
  deliveryId: string | null,
  reason: string,
  lead: Record<string, unknown>,
  now: Date,
) {
  if (await markRejected(taskId, reason, lead, leadNameOf({}, lead), now)) await deps.leadRejected({ id: taskId, deliveryId }, reason);
}
