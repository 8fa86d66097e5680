import "server-only";
import { findCachedAgents } from "@/lib/agents/queries";
import { resolveLeads } from "@/lib/calls/resolve";
import { decideAfterAttempt } from "@/lib/calls/state";
import { describeDuration } from "@/lib/schedule/describe-duration";
import { sleepAgain } from "@/lib/calls/wakeups";
import {
  claimDue,
  endAttempts,
  recordDialed,
  recordDialTrouble,
  settleTasks,
  takeOverDial,
  wakeLater,
  wakeWaitingForSlots,
  type ClaimedDial,
  type Dialed,
  type Settle,
} from "@/lib/calls/writes";
import { db } from "@/lib/db";
import { CrmError } from "@/lib/http/fetch-json";
import type { Agent, CallAttempt, CallTask } from "@/lib/generated/prisma/client";
import { ProviderError, type FoundCall, type VoiceProvider } from "@/lib/providers/voice/port";
import type { ScheduleParams } from "@/lib/schedule/types";

export type ProviderBinding = { provider: VoiceProvider; credentials: Record<string, string>; statusUrl: string };

/** What the steps need from the outside world; tests pass a scripted provider and their own clock. */
export type StepDeps = {
  providerFor: (agent: Agent) => ProviderBinding;
  now: () => Date;
  /** How long to wait for a provider's report before the attempt counts as failed. */
  outcomeTimeoutMs: number;
  /** How long a claimed dial may stay unrecorded before the provider is asked about it (also the dial's retry gap). */
  dialInFlightMs: number;
  /** A dial the provider keeps refusing for this long ends the attempt as failed. */
  dialGiveUpMs: number;
  /** Slack the sweeper leaves past a deadline. */
  sweepGraceMs: number;
  /** Reads leads from the CRM's API for resolving tasks (HubSpot sends only ids); keyed by task id. */
  lookupLeads: (tasks: CallTask[]) => Promise<Map<string, Record<string, unknown>>>;
  /** A resolving task's lead was rejected after the webhook answered: its delivery log entry must say so. */
  leadRejected: (task: { id: string; deliveryId: string | null }, reason: string) => Promise<void>;
};

/** Deterministic, so two runs of one dial collide on the attempt's primary key instead of dialing twice. */
export function attemptIdFor(taskId: string, attempt: number): string {
  return `att_${taskId.slice("call_".length)}_${attempt}`;
}

// Provider requests in flight at once per batch: enough for a rush, few enough for Vapi's own rate limit.
const DIALS_AT_ONCE = 64;

/**
 * The one step every driver runs when wake-ups come due: each task does what its state asks (read its lead, dial,
 * settle a dial whose result is unknown, settle an ended or overdue attempt) and queues its own next wake-up. Settles
 * go in one transaction for the batch; due attempts, and the slots the settles freed, are claimed in one statement
 * within their agents' caps and dialed concurrently. Idempotent: a task woken twice, late, or with nothing to do
 * changes nothing. Throws only when Postgres fails; the driver then retries.
 */
export async function advanceTasks(deps: StepDeps, taskIds: string[]): Promise<void> {
  const now = deps.now();
  const tasks = await db.callTask.findMany({ where: { id: { in: [...new Set(taskIds)] } } });
  const resolving = tasks.filter((t) => t.status === "resolving");
  await inPool(resolving, DIALS_AT_ONCE, (t) => stepOrLater(deps, t, () => resolveLeads(deps, t.id)));
  // Their attempts ended (by a report, or here by the deadline) before the claim: the slots they free are claimed
  // below, for this batch's due tasks or the agents' waiting ones.
  const live = tasks.filter((t) => t.status === "dialing" || t.status === "in_progress");
  const settles = await settleLive(deps, live);
  // Moving those tasks on needs no slot, so it is written beside the claim; a failure is thrown once the claimed are dialed.
  const moving = settleTasks(settles, deps.now()).then(
    () => null,
    (err: unknown) => err,
  );

  const scheduled = tasks.filter((t) => t.status === "scheduled");
  const later = scheduled.filter((t) => t.nextAttemptAt && t.nextAttemptAt > now);
  // A wake-up that came early (a chained sleep) sleeps again.
  await sleepAgain(
    db,
    later.map((t) => wakeupAt(t, t.nextAttemptAt!)),
  );
  const due = scheduled.filter((t) => !later.includes(t));
  const claimedAt = deps.now();
  // Those held back by their agent's cap get no wake-up of their own: the step that settles one of the agent's calls
  // claims for it, and the sweeper wakes them if a slot stays free.
  // The agents' rows are read beside the claim (most often from the cache), not after it.
  const [claimed, agents] = await Promise.all([
    claimDue(
      due.map((t) => t.id),
      claimedAt,
      [...new Set(live.map((t) => t.agentId))],
    ),
    findCachedAgents([...due, ...live].map((t) => t.agentId)),
  ]);
  const dialed = new Set((await dialAll(deps, claimed, agents, claimedAt)).map((d) => d.taskId));
  const failed = await moving;
  if (failed) throw failed;
  // Slots the provider's refusals freed go to the agents' waiting tasks.
  const refused = claimed.filter((c) => !dialed.has(c.taskId));
  await wakeWaitingForSlots([...new Set(refused.map((c) => c.agentId))], deps.now());
}

/** Runs a task's step; a CRM or provider that is down is asked again later, Postgres trouble goes up to the driver. */
async function stepOrLater(deps: StepDeps, task: CallTask, step: () => Promise<unknown>): Promise<void> {
  try {
    await step();
  } catch (err) {
    if (!isStepTrouble(err)) throw err;
    const backoffMs = Math.min(10 * 60_000, Math.max(30_000, (deps.now().getTime() - task.createdAt.getTime()) / 4));
    console.error(`[calls] ${task.id}: ${(err as Error).message}; trying again in ${Math.round(backoffMs / 1000)} s`);
    await wakeLater([task], new Date(deps.now().getTime() + backoffMs));
  }
}

const wakeupAt = (task: { id: string; agentId: string; attemptsMade: number }, runAt: Date) => ({
  taskId: task.id,
  agentId: task.agentId,
  fromAttempt: task.attemptsMade + 1,
  runAt,
});

/**
 * Settles the live tasks' current attempts: a dial nobody recorded is reconciled one by one (it may ask the
 * provider); the rest are read in one query, and what comes next for their tasks is returned for settleTasks.
 */
async function settleLive(deps: StepDeps, tasks: CallTask[]): Promise<Settle[]> {
  if (!tasks.length) return [];
  const attempts = new Map(
    (await db.callAttempt.findMany({ where: { id: { in: tasks.map((t) => attemptIdFor(t.id, t.attemptsMade)) } } })).map((a) => [
      a.taskId,
      a,
    ]),
  );
  const unrecorded = tasks.filter((t) => t.status === "dialing" && attempts.get(t.id)?.status === "dialing");
  await inPool(unrecorded, DIALS_AT_ONCE, (t) => stepOrLater(deps, t, () => reconcileDial(deps, t, attempts.get(t.id)!)));
  const rest = tasks.filter((t) => attempts.has(t.id) && !unrecorded.includes(t));
  return decideSettles(
    deps,
    rest.map((t) => ({ task: t, attempt: attempts.get(t.id)! })),
  );
}

function isStepTrouble(err: unknown): boolean {
  return err instanceof ProviderError || err instanceof CrmError;
}

type Loaded = ClaimedDial & { agent: Agent };

/** Dials the claimed attempts, at most DIALS_AT_ONCE at a time; returns those the provider took. */
async function dialAll(deps: StepDeps, claimed: ClaimedDial[], agents: Map<string, Agent>, claimedAt: Date): Promise<Dialed[]> {
  if (!claimed.length) return [];
  const dialed: Dialed[] = [];
  await inPool(claimed, DIALS_AT_ONCE, async (c) => {
    const got = await dialOnce(deps, { ...c, agent: agents.get(c.agentId)! }, claimedAt);
    if (got) dialed.push(got);
  });
  await recordDialed(dialed, deps.now());
  return dialed;
}

/**
 * Places the call; a refusal ends the attempt, trouble (429, 5xx, timeout) leaves it dialing to be looked at again.
 * `claimedAt` is when this step took the dial (no later than the task's stamp): reconcileDial may take it over
 * dialInFlightMs after that stamp, so a step held up past half of that (Postgres away, an overloaded server) does not
 * dial at all and leaves the provider to be asked first. The other half is the request's time to reach the provider.
 */
async function dialOnce(deps: StepDeps, c: Loaded, claimedAt: Date): Promise<Dialed | null> {
  const binding = deps.providerFor(c.agent);
  const heldMs = deps.now().getTime() - claimedAt.getTime();
  if (heldMs > deps.dialInFlightMs / 2) {
    const message = `not dialed: ${describeDuration(heldMs)} passed between the claim and the dial, so the provider is asked first`;
    await recordDialTrouble(c, message, new Date(deps.now().getTime() + deps.dialInFlightMs));
    return null;
  }
  try {
    const { providerCallId } = await binding.provider.startCall({
      attemptId: c.attemptId,
      attempt: c.attempt,
      to: c.phone,
      settings: c.agent.providerSettings as Record<string, string>,
      credentials: binding.credentials,
      variables: c.variables,
      statusUrl: binding.statusUrl,
    });
    return { ...c, providerCallId, deadline: new Date(deps.now().getTime() + deps.outcomeTimeoutMs) };
  } catch (err) {
    const now = deps.now();
    if (err instanceof ProviderError && !err.transient) {
      await endAttempts([c.attemptId], {
        outcomeDetail: `provider refused the call (${err.status ?? "error"})`,
        error: err.message,
        retryable: true,
        now,
        dialed: false,
      });
      await settleById(deps, c.taskId, c.attempt);
      return null;
    }
    // Not a failed attempt yet: the provider may or may not have the call, so it is asked before any second dial.
    const wait = Math.max(deps.dialInFlightMs, err instanceof ProviderError ? (err.retryAfterMs ?? 0) : 0);
    await recordDialTrouble(c, `will retry the dial: ${(err as Error).message}`, new Date(now.getTime() + wait));
    return null;
  }
}

/**
 * A claimed attempt whose dial was never recorded (the server died mid-dial, the provider timed out or kept failing).
 * The provider is asked first, so the lead is never rung twice: a call it has is adopted; one it never placed is
 * dialed again until dialGiveUpMs; when it cannot tell, the attempt ends as failed and the retry rule decides.
 */
async function reconcileDial(deps: StepDeps, task: CallTask, attempt: CallAttempt): Promise<void> {
  const now = deps.now();
  const quietSince = task.updatedAt.getTime();
  if (now.getTime() - quietSince < deps.dialInFlightMs) return sleepAgain(db, [wakeupAt(task, new Date(quietSince + deps.dialInFlightMs))]);
  const agent = await db.agent.findUniqueOrThrow({ where: { id: task.agentId } });
  const binding = deps.providerFor(agent);
  const c: Loaded = {
    taskId: task.id,
    agentId: task.agentId,
    attemptId: attempt.id,
    attempt: attempt.number,
    agent,
    phone: task.phone,
    variables: attempt.variablesSent as Record<string, string>,
  };
  const gaveUp = now.getTime() - attempt.createdAt.getTime() >= deps.dialGiveUpMs;
  let found: FoundCall;
  try {
    found = await binding.provider.findCall({
      attemptId: attempt.id,
      to: task.phone,
      settings: agent.providerSettings as Record<string, string>,
      credentials: binding.credentials,
      since: attempt.createdAt,
    });
  } catch (err) {
    if (!(err instanceof ProviderError)) throw err;
    if (!gaveUp) {
      return recordDialTrouble(
        c,
        `could not ask the provider about the dial: ${err.message}`,
        new Date(now.getTime() + deps.dialInFlightMs),
      );
    }
    found = { kind: "unknown" };
  }
  if (found.kind === "found") {
    return recordDialed([{ ...c, providerCallId: found.providerCallId, deadline: new Date(now.getTime() + deps.outcomeTimeoutMs) }], now);
  }
  if (found.kind === "absent" && !gaveUp) {
    // Of several steps woken for this dial at once (the sweeper, a job freed after an outage), one dials again.
    const takenAt = deps.now();
    if (!(await takeOverDial(task, takenAt))) return;
    const dialed = await dialOnce(deps, c, takenAt);
    if (dialed) await recordDialed([dialed], deps.now());
    return;
  }
  const why =
    found.kind === "absent"
      ? `The provider did not take the call within ${describeDuration(deps.dialGiveUpMs)} (${attempt.error ?? "no answer"})`
      : `The dial's result is unknown (${attempt.error ?? "the server stopped mid-dial"}) and ${agent.provider} cannot look calls up; not dialed again, so the lead is not rung twice`;
  await endAttempts([attempt.id], { error: why, retryable: true, now, dialed: false });
  await settleById(deps, task.id, attempt.number);
}

async function settleById(deps: StepDeps, taskId: string, number: number): Promise<void> {
  const task = await db.callTask.findUnique({ where: { id: taskId } });
  const attempt = await db.callAttempt.findUnique({ where: { taskId_number: { taskId, number } } });
  if (task && attempt) await settleTasks(await decideSettles(deps, [{ task, attempt }]), deps.now());
}

/**
 * Reads each attempt's outcome from Postgres (never from an event) and decides what comes next for its task: the next
 * attempt and when, or the end. With no report by the deadline the attempt is ended here as failed, freeing its slot;
 * before it, the task sleeps until then.
 */
async function decideSettles(deps: StepDeps, items: Array<{ task: CallTask; attempt: CallAttempt }>): Promise<Settle[]> {
  const now = deps.now();
  const deadline = (a: CallAttempt) => new Date((a.dialedAt ?? a.createdAt).getTime() + deps.outcomeTimeoutMs);
  const open = items.filter(({ task }) => task.status === "dialing" || task.status === "in_progress");
  const waiting = open.filter(({ attempt }) => attempt.status !== "ended" && now < deadline(attempt));
  await sleepAgain(
    db,
    waiting.map(({ task, attempt }) => wakeupAt(task, deadline(attempt))),
  );
  const overdue = open.filter(({ attempt }) => attempt.status !== "ended" && !waiting.some((w) => w.attempt === attempt));
  const overdueIds = overdue.map(({ attempt }) => attempt.id);
  await endAttempts(overdueIds, {
    error: `No report from the provider within ${describeDuration(deps.outcomeTimeoutMs)}`,
    retryable: true,
    now,
    dialed: true,
  });
  // Re-read: a report that landed just now wins over the timeout.
  const reread = new Map(
    overdueIds.length ? (await db.callAttempt.findMany({ where: { id: { in: overdueIds } } })).map((a) => [a.id, a]) : [],
  );
  return open
    .filter((item) => !waiting.includes(item))
    .map(({ task, attempt }) => {
      const row = reread.get(attempt.id) ?? attempt;
      const decision = decideAfterAttempt({
        params: task.scheduleParams as unknown as ScheduleParams,
        zone: task.timezone,
        attemptsMade: task.attemptsMade,
        maxAttempts: task.maxAttempts,
        outcome: row.outcome!,
        retryable: row.retryable !== false,
        dialedAt: row.dialedAt ?? row.endedAt ?? now,
      });
      return { task, ended: row, decision };
    });
}

/** Runs `work` over `items`, at most `size` at once. */
async function inPool<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(size, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  });
  await Promise.all(lanes);
}
