import pg from "pg";
import { maxConcurrencyByAgent } from "./concurrency";
import type { CreateCallRecord, FakeVapiCall } from "./fakes/vapi";

/** What a fault run is judged on: its agents' rows in Postgres and, when given, the voice provider's own log. */
export type EngineScope = {
  url: string;
  agentIds: string[];
  /** Call ids the webhook answered as accepted: each must exist, whatever happened to the server afterwards. */
  acknowledged: string[];
  provider?: { createCalls: CreateCallRecord[]; calls: () => FakeVapiCall[] };
  /** How late a scheduled attempt may be and still pass; 0 (the default) waits until all due work has been dialed. */
  overdueGraceMs?: number;
};

const OPEN_TASK = new Set(["resolving", "dialing", "in_progress"]);

type TaskRow = { id: string; status: string; phone: string; next_attempt_at: Date | null };
type AttemptRow = { id: string; task_id: string; status: string; provider_call_id: string | null; created_at: Date };

function checkTasks(tasks: TaskRow[], acknowledged: string[], graceMs: number, now: number): string[] {
  const problems: string[] = [];
  const ids = new Set(tasks.map((t) => t.id));
  const lost = acknowledged.filter((id) => !ids.has(id));
  if (lost.length) problems.push(`${lost.length} acknowledged leads have no call task (first: ${lost[0]})`);
  for (const t of tasks) {
    if (OPEN_TASK.has(t.status)) problems.push(`task ${t.id} is still ${t.status}`);
    if (t.status === "scheduled" && (!t.next_attempt_at || t.next_attempt_at.getTime() < now - graceMs))
      problems.push(`task ${t.id} was due ${t.next_attempt_at?.toISOString() ?? "(no time)"} and is not dialed`);
  }
  return problems;
}

/** One created call per attempt, each known to Postgres under its call id, and no call Postgres made up. */
function checkProvider(scope: EngineScope, tasks: TaskRow[], attempts: AttemptRow[]): string[] {
  if (!scope.provider) return [];
  const problems: string[] = [];
  const phones = new Set(tasks.map((t) => t.phone));
  const created = scope.provider.createCalls.filter((r) => r.callId && r.to && phones.has(r.to));
  const byAttempt = new Map<string, CreateCallRecord[]>();
  for (const r of created) byAttempt.set(r.attemptId ?? "(none)", [...(byAttempt.get(r.attemptId ?? "(none)") ?? []), r]);
  const rows = new Map(attempts.map((a) => [a.id, a]));
  for (const [attemptId, calls] of byAttempt) {
    if (calls.length > 1) problems.push(`attempt ${attemptId} rang ${calls[0]!.to} ${calls.length} times`);
    const row = rows.get(attemptId);
    if (!row) problems.push(`the provider placed call ${calls[0]!.callId} for attempt ${attemptId}, which Postgres does not have`);
    else if (!calls.some((c) => c.callId === row.provider_call_id))
      problems.push(`attempt ${attemptId} does not know its call ${calls[0]!.callId} (it records ${row.provider_call_id ?? "none"})`);
  }
  const createdIds = new Set(created.map((r) => r.callId));
  for (const a of attempts)
    if (a.provider_call_id && !createdIds.has(a.provider_call_id))
      problems.push(`attempt ${a.id} records call ${a.provider_call_id}, which the provider never created`);

  const live = new Set(
    scope.provider
      .calls()
      .filter((c) => c.status !== "ended")
      .map((c) => c.id),
  );
  for (const a of attempts)
    if (a.status === "in_progress" && !(a.provider_call_id && live.has(a.provider_call_id)))
      problems.push(`attempt ${a.id} holds a slot but its call ${a.provider_call_id ?? "(none)"} is not live`);
  return problems;
}

/**
 * Everything that must hold once a fault is over: every acknowledged lead's task finished or scheduled ahead, no
 * attempt left dialing, one call at the provider per attempt, no slot held without a live call, no agent above its cap.
 * Returns the broken ones, in words; empty when all hold.
 */
export async function engineViolations(scope: EngineScope): Promise<string[]> {
  const client = new pg.Client({ connectionString: scope.url });
  await client.connect();
  try {
    const now = Date.now();
    const tasks = (
      await client.query<TaskRow>("SELECT id, status, phone, next_attempt_at FROM call_tasks WHERE agent_id = ANY($1)", [scope.agentIds])
    ).rows;
    const attempts = (
      await client.query<AttemptRow>(
        "SELECT id, task_id, status, provider_call_id, created_at FROM call_attempts WHERE agent_id = ANY($1)",
        [scope.agentIds],
      )
    ).rows;
    const problems = checkTasks(tasks, scope.acknowledged, scope.overdueGraceMs ?? 0, now);
    for (const a of attempts)
      if (a.status === "dialing") problems.push(`attempt ${a.id} is left dialing since ${a.created_at.toISOString()}`);
    problems.push(...checkProvider(scope, tasks, attempts));
    if (!scope.provider) for (const a of attempts) if (a.status === "in_progress") problems.push(`attempt ${a.id} still holds a slot`);
    for (const c of await maxConcurrencyByAgent(client, scope.agentIds))
      if (c.maxLive > c.cap) problems.push(`agent ${c.agentId} had ${c.maxLive} calls live at once, above its cap of ${c.cap}`);
    return problems;
  } finally {
    await client.end();
  }
}

/** Polls until every invariant holds, or fails after `timeoutMs` naming what still does not (at most 15 lines). */
export async function waitForEngineInvariants(scope: EngineScope, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const problems = await engineViolations(scope);
    if (problems.length === 0) return;
    if (Date.now() > deadline) {
      const shown = problems.slice(0, 15).join("\n  ");
      throw new Error(`after ${timeoutMs} ms, ${problems.length} engine invariants are broken:\n  ${shown}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}
