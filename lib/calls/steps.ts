import "server-only";
import { db } from "@/lib/db";
import type { Agent, CallOutcome, CallTask, Prisma } from "@/lib/generated/prisma/client";
import { ProviderError, type CallReport, type VoiceProvider } from "@/lib/providers/voice/port";
import type { ScheduleParams } from "@/lib/schedule/types";
import { claimAttempt } from "@/lib/calls/claim";
import { decideAfterAttempt, LIVE_STATUSES } from "@/lib/calls/state";

export type ProviderBinding = { provider: VoiceProvider; credentials: Record<string, string>; statusUrl: string };

/** What the steps need from the outside world; tests pass a scripted provider and their own clock. */
export type StepDeps = {
  providerFor: (agent: Agent) => ProviderBinding;
  now: () => Date;
  /** How long to wait for a provider's report before the attempt counts as failed. */
  outcomeTimeoutMs: number;
  /** When an agent is at its concurrency cap, look again after this long (a freed slot also wakes waiting tasks). */
  capRecheckMs: number;
  /** Reads leads from the CRM's API for resolving tasks (HubSpot sends only ids); keyed by task id. */
  lookupLeads: (tasks: CallTask[]) => Promise<Map<string, Record<string, unknown>>>;
};

export type PlanResult =
  { kind: "finished" } | { kind: "resolve" } | { kind: "dial"; attempt: number; at: string } | { kind: "await_outcome"; attempt: number };
export type DialResult =
  | { kind: "dialed"; attempt: number }
  | { kind: "ended"; attempt: number }
  | { kind: "not_due"; at: string }
  | { kind: "deferred"; until: string }
  | { kind: "stale" };
export type SettleResult =
  | { kind: "retry"; attempt: number; at: string; wake: string[] }
  | { kind: "finished"; status: "completed" | "failed"; wake: string[] }
  | { kind: "waiting"; until: string }
  | { kind: "stale" };

/** Where a task stands: the next attempt and when, a live attempt to wait for, or nothing left to do. */
export async function planAttempt(taskId: string): Promise<PlanResult> {
  const task = await db.callTask.findUnique({ where: { id: taskId } });
  if (!task || task.status === "completed" || task.status === "failed" || task.status === "cancelled") return { kind: "finished" };
  if (task.status === "resolving") return { kind: "resolve" };
  if (task.status === "scheduled") return { kind: "dial", attempt: task.attemptsMade + 1, at: task.nextAttemptAt!.toISOString() };
  return { kind: "await_outcome", attempt: task.attemptsMade };
}

/** Deterministic, so two runs of one dial collide on the attempt's primary key instead of dialing twice. */
export function attemptIdFor(taskId: string, attempt: number): string {
  return `att_${taskId.slice("call_".length)}_${attempt}`;
}

type Claim =
  | { kind: "claimed"; attemptId: string; agent: Agent; phone: string; variables: Record<string, string> }
  | Exclude<DialResult, { kind: "dialed" | "ended" }>;

async function claimDueAttempt(deps: StepDeps, taskId: string, attempt: number): Promise<Claim> {
  const task = await db.callTask.findUnique({ where: { id: taskId }, include: { agent: true } });
  if (!task) return { kind: "stale" };
  const attemptId = attemptIdFor(taskId, attempt);
  const existing = await db.callAttempt.findUnique({ where: { id: attemptId } });
  // A re-run of a dial that never got the provider's answer: send it again under the same attempt id.
  if (existing)
    return existing.status === "dialing"
      ? { kind: "claimed", attemptId, agent: task.agent, phone: task.phone, variables: existing.variablesSent as Record<string, string> }
      : { kind: "stale" };
  if (task.status !== "scheduled" || task.attemptsMade !== attempt - 1) return { kind: "stale" };
  const now = deps.now();
  if (task.nextAttemptAt && task.nextAttemptAt > now) return { kind: "not_due", at: task.nextAttemptAt.toISOString() };
  if (await claimAttempt({ taskId, agentId: task.agentId, attempt, attemptId, now })) {
    return { kind: "claimed", attemptId, agent: task.agent, phone: task.phone, variables: task.variables as Record<string, string> };
  }
  // Not claimed although due: either the agent is at its cap, or the task moved on (cancelled) meanwhile.
  const after = await db.callTask.findUnique({ where: { id: taskId }, select: { status: true, attemptsMade: true } });
  if (after?.status === "scheduled" && after.attemptsMade === attempt - 1) {
    return { kind: "deferred", until: new Date(now.getTime() + deps.capRecheckMs).toISOString() };
  }
  return { kind: "stale" };
}

/**
 * Claims attempt `attempt` of a due task (compare-and-set, under the agent's advisory lock so the concurrency cap holds) and
 * dials it. Re-running it never places a second call: a claimed attempt is re-sent with the same attempt id, which
 * providers use as an idempotency key; an attempt past `dialing` is left alone.
 */
export async function dialAttempt(deps: StepDeps, taskId: string, attempt: number): Promise<DialResult> {
  const claim = await claimDueAttempt(deps, taskId, attempt);
  if (claim.kind !== "claimed") return claim;

  const binding = deps.providerFor(claim.agent);
  try {
    const { providerCallId } = await binding.provider.startCall({
      attemptId: claim.attemptId,
      attempt,
      to: claim.phone,
      settings: claim.agent.providerSettings as Record<string, string>,
      credentials: binding.credentials,
      variables: claim.variables,
      statusUrl: binding.statusUrl,
    });
    await db.$transaction([
      db.callAttempt.updateMany({
        where: { id: claim.attemptId, status: "dialing" },
        data: { status: "in_progress", providerCallId, dialedAt: deps.now(), error: null },
      }),
      db.callTask.updateMany({ where: { id: taskId, status: "dialing", attemptsMade: attempt }, data: { status: "in_progress" } }),
    ]);
    return { kind: "dialed", attempt };
  } catch (err) {
    if (err instanceof ProviderError && !err.transient) {
      const now = deps.now();
      await db.callAttempt.updateMany({
        where: { id: claim.attemptId, status: "dialing" },
        data: {
          status: "ended",
          outcome: "failed",
          outcomeDetail: `provider refused the call (${err.status ?? "error"})`,
          error: err.message,
          retryable: true,
          dialedAt: now,
          endedAt: now,
        },
      });
      return { kind: "ended", attempt };
    }
    // Transient (429, 5xx, network): not a failed attempt. The driver runs this step again with backoff.
    await db.callAttempt.updateMany({
      where: { id: claim.attemptId, status: "dialing" },
      data: { error: `will retry the dial: ${(err as Error).message}` },
    });
    throw err;
  }
}

/** Records a provider's terminal report once; a repeat changes nothing, an unknown call id answers null. */
export async function recordReport(
  agent: Pick<Agent, "id" | "provider">,
  report: CallReport,
): Promise<{ taskId: string; attempt: number; duplicate: boolean } | null> {
  // Scoped to the agent whose secret verified the report, so one agent's secret cannot end another agent's calls.
  // Found first and then updated by id: a report racing our own write of the call id is "unknown" (the provider
  // tries again), never mistaken for a duplicate.
  const row = await db.callAttempt.findFirst({
    where: { agentId: agent.id, provider: agent.provider, providerCallId: report.providerCallId },
    select: { id: true, taskId: true, number: true },
  });
  if (!row) return null;
  const { count } = await db.callAttempt.updateMany({
    where: { id: row.id, status: { not: "ended" } },
    data: {
      status: "ended",
      outcome: report.outcome as CallOutcome,
      outcomeDetail: report.detail,
      retryable: report.retryable,
      endedAt: report.endedAt,
    },
  });
  return { taskId: row.taskId, attempt: row.number, duplicate: count === 0 };
}

/**
 * Reads attempt `attempt`'s outcome from Postgres (never from an event) and moves the task on: the next attempt and
 * when, or the end. With no report by the deadline the attempt ends as failed.
 */
export async function settleAttempt(deps: StepDeps, taskId: string, attempt: number): Promise<SettleResult> {
  // No interactive transaction: every write below is a compare-and-set, so a second settle of the same attempt is stale.
  const now = deps.now();
  let row = await db.callAttempt.findUnique({ where: { taskId_number: { taskId, number: attempt } } });
  if (!row) return { kind: "stale" };
  if (row.status !== "ended") {
    const deadline = new Date((row.dialedAt ?? row.createdAt).getTime() + deps.outcomeTimeoutMs);
    if (row.status === "dialing" || now < deadline)
      return { kind: "waiting", until: (now < deadline ? deadline : new Date(now.getTime() + deps.capRecheckMs)).toISOString() };
    await db.callAttempt.updateMany({
      where: { id: row.id, status: { not: "ended" } },
      data: {
        status: "ended",
        outcome: "failed",
        retryable: true,
        endedAt: now,
        error: `No report from the provider within ${Math.round(deps.outcomeTimeoutMs / 60_000)} minutes`,
      },
    });
    // Re-read: a report that landed just now wins over the timeout.
    row = await db.callAttempt.findUniqueOrThrow({ where: { id: row.id } });
  }
  const task = await db.callTask.findUnique({ where: { id: taskId } });
  if (!task || task.attemptsMade !== attempt || (task.status !== "dialing" && task.status !== "in_progress")) return { kind: "stale" };

  const decision = decideAfterAttempt({
    params: task.scheduleParams as unknown as ScheduleParams,
    zone: task.timezone,
    attemptsMade: task.attemptsMade,
    maxAttempts: task.maxAttempts,
    outcome: row.outcome!,
    retryable: row.retryable !== false,
    dialedAt: row.dialedAt ?? row.endedAt ?? now,
  });
  const common = { lastOutcome: row.outcome, lastError: row.error };
  const { count } = await db.callTask.updateMany({
    where: { id: taskId, attemptsMade: attempt, status: { in: [...LIVE_STATUSES] } },
    data:
      decision.kind === "retry"
        ? {
            ...common,
            status: "scheduled",
            nextAttemptAt: decision.at,
            nextAttemptReason: decision.reason as unknown as Prisma.InputJsonValue,
          }
        : {
            ...common,
            status: decision.status,
            nextAttemptAt: null,
            nextAttemptReason: { kind: "finished", why: decision.why } as Prisma.InputJsonValue,
            finishedAt: now,
            activeDedupeKey: null,
          },
  });
  if (count === 0) return { kind: "stale" };
  const wake = await waitingForSlot(task.agentId, now);
  return decision.kind === "retry"
    ? { kind: "retry", attempt: attempt + 1, at: decision.at.toISOString(), wake }
    : { kind: "finished", status: decision.status, wake };
}

/** Tasks of an agent that came due while it was at its cap, oldest first, as many as there are free slots now. */
async function waitingForSlot(agentId: string, now: Date): Promise<string[]> {
  const agent = await db.agent.findUniqueOrThrow({ where: { id: agentId }, select: { concurrencyCap: true } });
  const live = await db.callAttempt.count({ where: { agentId, status: { in: [...LIVE_STATUSES] } } });
  const free = agent.concurrencyCap - live;
  if (free <= 0) return [];
  const rows = await db.callTask.findMany({
    where: { agentId, status: "scheduled", nextAttemptAt: { lte: now } },
    orderBy: { nextAttemptAt: "asc" },
    take: free,
    select: { id: true },
  });
  return rows.map((r) => r.id);
}
