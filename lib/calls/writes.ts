import "server-only";
import { OPEN_STATUSES, TRANSITIONS, type AfterAttempt } from "@/lib/calls/state";
import { insertWakeups, queueWakeups, waitingForSlots } from "@/lib/calls/wakeups";
import { planAfterAttemptWrites, type AfterAttempt as PlannedAfterAttempt } from "@/lib/crm-writes/after-attempt";
import { insertWrites } from "@/lib/crm-writes/outbox";
import { db, prepared } from "@/lib/db";
import { groupWriter } from "@/lib/db/group-writer";
import { Prisma, type Agent, type CallAttempt } from "@/lib/generated/prisma/client";
import type { NewTaskRow } from "@/lib/calls/create";
import type { CallReport } from "@/lib/providers/voice/port";

// Every write to call_tasks and call_attempts: new tasks (createTasks, at the end), then each compare-and-set. Each
// guards on the from-states of its event in TRANSITIONS, so a step that runs twice, or late, changes nothing; each
// queues the task's next wake-up in the same transaction.

const from = (event: keyof typeof TRANSITIONS) => [...TRANSITIONS[event].from];

export type Claimed = { taskId: string; agentId: string; attemptId: string; attempt: number };

/** A claimed attempt with what its dial needs. */
export type ClaimedDial = Claimed & { phone: string; variables: Record<string, string> };

/**
 * Claims due attempts within their agents' caps, oldest first: among `taskIds`, and for each agent in `freedAgents`
 * (slots this step freed) any of its due tasks, which is how tasks held back at the cap get their turn. One round
 * trip: the SQL function claim_due_attempts (its migration says how it locks) claims the batch.
 */
export async function claimDue(taskIds: string[], now: Date, freedAgents: string[] = []): Promise<ClaimedDial[]> {
  if (!taskIds.length && !freedAgents.length) return [];
  const rows = await prepared<{ attempt_id: string; task_id: string; agent_id: string; number: number; phone: string; variables: unknown }>(
    Prisma.sql`SELECT * FROM claim_due_attempts(${taskIds}::text[], ${freedAgents}::text[], ${now}::timestamptz)`,
  );
  return rows.map((r) => ({
    taskId: r.task_id,
    agentId: r.agent_id,
    attemptId: r.attempt_id,
    attempt: r.number,
    phone: r.phone,
    variables: r.variables as Record<string, string>,
  }));
}

export type Dialed = Claimed & { providerCallId: string; deadline: Date };

/**
 * The provider has the calls: each attempt and its task go on the line, woken again at the outcome deadline. One
 * statement. An attempt whose report came first (recordReport found it by our attempt id) only gets its dial time:
 * its task keeps the wake-up the report gave it.
 */
export async function recordDialed(dialed: Dialed[], now: Date): Promise<void> {
  if (!dialed.length) return;
  await prepared(Prisma.sql`
    WITH d AS (
      SELECT * FROM unnest(${dialed.map((d) => d.attemptId)}::text[], ${dialed.map((d) => d.providerCallId)}::text[],
        ${dialed.map((d) => d.taskId)}::text[], ${dialed.map((d) => d.agentId)}::text[], ${dialed.map((d) => d.attempt)}::int[],
        ${dialed.map((d) => d.deadline)}::timestamptz[]) AS d(id, call_id, task_id, agent_id, n, deadline)
    ), live AS (
      UPDATE call_attempts a SET status = 'in_progress', provider_call_id = d.call_id, dialed_at = ${now}::timestamptz, error = NULL
      FROM d WHERE a.id = d.id AND a.status = 'dialing'
      RETURNING a.id
    ), reported AS (
      UPDATE call_attempts a SET dialed_at = ${now}::timestamptz
      FROM d WHERE a.id = d.id AND a.status = 'ended' AND a.dialed_at IS NULL AND a.provider_call_id = d.call_id
    ), moved AS (
      UPDATE call_tasks t SET status = 'in_progress', updated_at = now()
      FROM d JOIN live USING (id)
      WHERE t.id = d.task_id AND t.attempts_made = d.n AND t.status = ANY(${from("dialed")}::"CallStatus"[])
    )
    INSERT INTO call_wakeups (task_id, agent_id, from_attempt, run_at)
    SELECT d.task_id, d.agent_id, d.n, d.deadline FROM d JOIN live USING (id) ORDER BY 1
    ON CONFLICT (task_id) DO UPDATE SET agent_id = EXCLUDED.agent_id, from_attempt = EXCLUDED.from_attempt, run_at = EXCLUDED.run_at`);
}

/** A dial that did not get through yet (429, 5xx, no answer): the attempt stays dialing and is looked at again at `retryAt`. */
export async function recordDialTrouble(c: Claimed, message: string, retryAt: Date): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.callAttempt.updateMany({ where: { id: c.attemptId, status: "dialing" }, data: { error: message } });
    await tx.callTask.updateMany({ where: { id: c.taskId, status: "dialing", attemptsMade: c.attempt }, data: { updatedAt: new Date() } });
    await queueWakeups(tx, [{ taskId: c.taskId, agentId: c.agentId, fromAttempt: c.attempt, runAt: retryAt }]);
  });
}

/**
 * A dial nobody recorded is taken over to be placed again: true for the one step whose compare-and-set on the task's
 * last change wins, so steps woken for it at once never both dial.
 */
export async function takeOverDial(task: { id: string; attemptsMade: number; updatedAt: Date }, now: Date): Promise<boolean> {
  const { count } = await db.callTask.updateMany({
    where: { id: task.id, status: "dialing", attemptsMade: task.attemptsMade, updatedAt: task.updatedAt },
    data: { updatedAt: now },
  });
  return count > 0;
}

/** Ends attempts that have no report (refused, unknown result, timed out); a report that came first wins. */
export async function endAttempts(
  attemptIds: string[],
  end: { outcomeDetail?: string; error: string; retryable: boolean; now: Date; dialed: boolean },
): Promise<void> {
  if (!attemptIds.length) return;
  await db.callAttempt.updateMany({
    where: { id: { in: attemptIds }, status: { not: "ended" } },
    data: {
      status: "ended",
      outcome: "failed",
      outcomeDetail: end.outcomeDetail ?? null,
      error: end.error,
      retryable: end.retryable,
      endedAt: end.now,
      ...(end.dialed ? {} : { dialedAt: end.now }),
    },
  });
}

/**
 * Records a provider's terminal report once and wakes its task at once; a repeat changes nothing. The step that
 * settles the task hands the slot on (advanceTasks claims for the agent), so reports of one busy agent never contend
 * for the same waiting tasks' rows.
 */
export async function recordReport(
  agent: Pick<Agent, "id" | "provider">,
  report: CallReport,
): Promise<{ taskId: string; attempt: number; duplicate: boolean } | null> {
  for (let again = true; ; again = false) {
    const ended = await endReported({ agent, report });
    if (ended) return { taskId: ended.task_id, attempt: ended.number, duplicate: false };
    const row = await db.callAttempt.findFirst({
      where: { agentId: agent.id, provider: agent.provider, providerCallId: report.providerCallId },
      select: { taskId: true, number: true, status: true },
    });
    // Not ours (yet): the report raced our own write of the call id, and the provider tries again.
    if (!row) return null;
    if (row.status === "ended") return { taskId: row.taskId, attempt: row.number, duplicate: true };
    // That write committed while the statement ran: once more sees it. Never mistaken for a duplicate.
    if (!again) return null;
  }
}

type Reported = { agent: Pick<Agent, "id" | "provider">; report: CallReport };

/**
 * End each reported attempt and wake its task now, scoped to the verified agent. Reports that arrive together (a
 * rush's calls end in waves) share one statement; two about one call never do.
 */
const endReported = groupWriter<Reported, { task_id: string; number: number } | null>({
  keys: ({ report }) => [report.providerCallId, report.attemptId ?? ""].filter(Boolean),
  maxFlights: 2,
  maxItems: 100,
  write: async (items) => {
    const col = <T>(pick: (r: CallReport) => T) => items.map(({ report }) => pick(report));
    const ended = await prepared<{ i: number; task_id: string; number: number }>(Prisma.sql`
      WITH r AS (
        SELECT * FROM unnest(${items.map((_, i) => i)}::int[], ${items.map((x) => x.agent.id)}::text[],
          ${items.map((x) => x.agent.provider)}::text[], ${col((r) => r.providerCallId)}::text[], ${col((r) => r.attemptId ?? null)}::text[],
          ${col((r) => r.outcome)}::text[], ${col((r) => r.detail)}::text[], ${col((r) => r.retryable)}::bool[],
          ${col((r) => r.endedAt)}::timestamptz[], ${col((r) => r.summary ?? null)}::text[], ${col((r) => r.transcript ?? null)}::text[],
          ${col((r) => r.recordingUrl ?? null)}::text[])
          AS r(i, agent_id, provider, call_id, attempt_id, outcome, detail, retryable, ended_at, summary, transcript, recording_url)
      ), hit AS MATERIALIZED (
        -- The agent's attempt by one of two unique lookups, first and apart: as one OR beside the agent's scope, the
        -- planner (a rush's statistics being stale) read every attempt of the agent for each report.
        SELECT r.*, m.id FROM r CROSS JOIN LATERAL (
          SELECT x.id, x.agent_id FROM call_attempts x WHERE x.provider = r.provider::"VoiceProviderName" AND x.provider_call_id = r.call_id
          UNION SELECT x.id, x.agent_id FROM call_attempts x WHERE x.id = r.attempt_id AND x.provider_call_id IS NULL
            AND x.provider = r.provider::"VoiceProviderName") m
        WHERE m.agent_id = r.agent_id
      ), ended AS (
        UPDATE call_attempts a SET status = 'ended', outcome = r.outcome::"CallOutcome", outcome_detail = r.detail,
          retryable = r.retryable, ended_at = r.ended_at, provider_call_id = r.call_id,
          summary = r.summary, transcript = r.transcript, recording_url = r.recording_url
        FROM hit r WHERE a.id = r.id AND a.status <> 'ended' AND (a.provider_call_id = r.call_id OR a.provider_call_id IS NULL)
        RETURNING r.i, a.task_id, a.agent_id, a.number
      ), woken AS (
        INSERT INTO call_wakeups (task_id, agent_id, from_attempt, run_at)
        SELECT DISTINCT ON (task_id) task_id, agent_id, number, now() FROM ended ORDER BY task_id, number DESC
        ON CONFLICT (task_id) DO UPDATE SET run_at = LEAST(call_wakeups.run_at, EXCLUDED.run_at)
      )
      SELECT i, task_id, number FROM ended`);
    const byItem = new Map(ended.map((e) => [e.i, e]));
    return items.map((_, i) => byItem.get(i) ?? null);
  },
});

/** A task, the attempt of it that ended (as read, report or timeout included), and what decideAfterAttempt said comes next. */
export type Settle = {
  task: PlannedAfterAttempt["task"];
  ended: CallAttempt;
  decision: AfterAttempt;
};

/**
 * Moves tasks past their ended attempts as each decision says (another try, or the end), in one statement for the
 * batch: the compare-and-set, the writes of the tasks that moved (planned before it, planAfterAttemptWrites) and their
 * retry wake-ups. Returns the ids of the tasks that moved; one that had already moved on is left alone and queues
 * nothing.
 */
export async function settleTasks(settles: Settle[], now: Date): Promise<string[]> {
  if (!settles.length) return [];
  const finished = (s: Settle) => s.decision.kind === "finish";
  const writes = await planAfterAttemptWrites(settles.map((s) => ({ task: s.task, attempt: s.ended, final: finished(s) })));
  const retries = settles.flatMap((s) =>
    s.decision.kind === "retry"
      ? [{ taskId: s.task.id, agentId: s.task.agentId, fromAttempt: s.ended.number + 1, runAt: s.decision.at }]
      : [],
  );
  const moved = await prepared<{ id: string }>(Prisma.sql`
    WITH moved AS (
      UPDATE call_tasks t SET status = s.status::"CallStatus", last_outcome = s.outcome::"CallOutcome", last_error = s.error,
        next_attempt_at = s.next_at, next_attempt_reason = s.reason::jsonb, updated_at = now(),
        finished_at = CASE WHEN s.finished THEN ${now}::timestamptz ELSE t.finished_at END,
        active_dedupe_key = CASE WHEN s.finished THEN NULL ELSE t.active_dedupe_key END
      FROM unnest(${settles.map((s) => s.task.id)}::text[], ${settles.map((s) => s.ended.number)}::int[],
        ${settles.map((s) => (s.decision.kind === "retry" ? "scheduled" : s.decision.status))}::text[],
        ${settles.map((s) => s.ended.outcome)}::text[], ${settles.map((s) => s.ended.error)}::text[],
        ${settles.map((s) => (s.decision.kind === "retry" ? s.decision.at : null))}::timestamptz[],
        ${settles.map((s) => JSON.stringify(s.decision.kind === "retry" ? s.decision.reason : { kind: "finished", why: s.decision.why }))}::text[],
        ${settles.map(finished)}::boolean[]) AS s(id, n, status, outcome, error, next_at, reason, finished)
      WHERE t.id = s.id AND t.attempts_made = s.n AND t.status = ANY(${from("ended")}::"CallStatus"[])
      RETURNING t.id
    ), writes AS (${insertWrites(writes, Prisma.sql`w.task_id IN (SELECT id FROM moved)`)}
    ), wakeups AS (${insertWakeups(retries, Prisma.sql`w.task_id IN (SELECT id FROM moved)`)})
    SELECT id FROM moved`);
  return moved.map((m) => m.id);
}

/**
 * Each agent's due tasks held back by its cap (they have no wake-up of their own), oldest first, as many as it has
 * free slots now: woken at once. For the slots a batch's refused dials freed after its claim; the slots its settles
 * free are claimed by the step itself (advanceTasks).
 */
export async function wakeWaitingForSlots(agentIds: string[], now: Date): Promise<void> {
  if (!agentIds.length) return;
  await db.$executeRaw`INSERT INTO call_wakeups (task_id, agent_id, from_attempt, run_at)
    SELECT * FROM (${waitingForSlots(Prisma.sql`SELECT unnest(${agentIds}::text[])`, null, now)}) w ORDER BY 1
    ON CONFLICT (task_id) DO UPDATE SET run_at = LEAST(call_wakeups.run_at, EXCLUDED.run_at)`;
}

/** A lead read from the CRM: the task gets its number, variables and name and is woken at its first attempt. */
export async function markResolved(
  task: { id: string; agentId: string },
  data: { phone: string; variables: Record<string, string>; leadName: string | null; lead: Record<string, unknown> },
  first: { at: Date; reason: unknown },
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.callTask.updateMany({
      where: { id: task.id, status: { in: from("resolved") } },
      data: {
        status: "scheduled",
        phone: data.phone,
        variables: data.variables,
        ...(data.leadName ? { leadName: data.leadName } : {}),
        leadFields: data.lead as Prisma.InputJsonValue,
        nextAttemptAt: first.at,
        nextAttemptReason: first.reason as Prisma.InputJsonValue,
      },
    });
    if (count) await queueWakeups(tx, [{ taskId: task.id, agentId: task.agentId, fromAttempt: 1, runAt: first.at }]);
    return count > 0;
  });
}

/** A lead that cannot be called ends before any dial, with the reason in lastError and nextAttemptReason. */
export async function markRejected(
  taskId: string,
  reason: string,
  lead: Record<string, unknown>,
  leadName: string | null,
  now: Date,
): Promise<boolean> {
  const { count } = await db.callTask.updateMany({
    where: { id: taskId, status: { in: from("rejected") } },
    data: {
      status: "failed",
      lastError: reason,
      finishedAt: now,
      activeDedupeKey: null,
      nextAttemptAt: null,
      nextAttemptReason: { kind: "finished", why: reason },
      leadFields: lead as Prisma.InputJsonValue,
      ...(leadName ? { leadName } : {}),
    },
  });
  return count > 0;
}

/** Cancels a scheduled task; its pending wake-up goes with it (a driver that still wakes it finds it finished). */
export async function markCancelled(taskId: string, now: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.callTask.updateMany({
      where: { id: taskId, status: { in: from("cancelled") } },
      data: {
        status: "cancelled",
        nextAttemptAt: null,
        finishedAt: now,
        activeDedupeKey: null,
        nextAttemptReason: { kind: "finished", why: "cancelled by an admin" },
      },
    });
    if (count) await tx.callWakeup.deleteMany({ where: { taskId } });
    return count > 0;
  });
}

/** "Retry now": a failed task gets one attempt more, due at once. */
export async function markRetryNow(
  task: { id: string; agentId: string; attemptsMade: number; dedupeKey: string | null },
  maxAttempts: number,
  now: Date,
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.callTask.updateMany({
      where: { id: task.id, status: { in: from("retry_now") }, attemptsMade: task.attemptsMade },
      data: {
        status: "scheduled",
        maxAttempts,
        nextAttemptAt: now,
        nextAttemptReason: { kind: "retry_now" },
        finishedAt: null,
        activeDedupeKey: task.dedupeKey,
      },
    });
    if (count) await queueWakeups(tx, [{ taskId: task.id, agentId: task.agentId, fromAttempt: task.attemptsMade + 1, runAt: now }]);
    return count > 0;
  });
}

/** Wakes tasks again at `at` without changing them (not due yet, held at the cap, a CRM to ask again later). */
export async function wakeLater(tasks: Array<{ id: string; agentId: string; attemptsMade: number }>, at: Date): Promise<void> {
  await queueWakeups(
    db,
    tasks.map((t) => ({ taskId: t.id, agentId: t.agentId, fromAttempt: t.attemptsMade + 1, runAt: at })),
  );
}

/** A driver gave up on a task's step (its retries spent): an open task is woken again later, and says why. */
export async function wakeAfterFailure(task: { taskId: string; agentId: string }, why: string, afterMs: number): Promise<void> {
  await db.$transaction(async (tx) => {
    const open = { id: task.taskId, status: { in: [...OPEN_STATUSES] } };
    const { count } = await tx.callTask.updateMany({ where: open, data: { lastError: `A run of this call failed: ${why}` } });
    if (!count) return;
    const row = await tx.callTask.findUniqueOrThrow({ where: { id: task.taskId }, select: { attemptsMade: true } });
    await queueWakeups(tx, [{ ...task, fromAttempt: row.attemptsMade + 1, runAt: new Date(Date.now() + afterMs) }]);
  });
}

/**
 * New tasks and their first wake-ups, as SQL over a CTE `new_task` the caller defines: the call_tasks columns of
 * NEW_TASK_COLUMNS, one row per task. `task` returns each created task, or instead the open task its lead already has
 * (same agent, same active dedupe key), locked by a no-op update so a concurrent insert is waited for rather than
 * missed; inserts go in (agent, key) order so two writers cannot deadlock. Of the created tasks with a `fallback_at`
 * that share a `wake_group`, the first (by `ord`) wakes at its `next_attempt_at` to read them all from the CRM in one
 * batch; the others wake at their fallback. The webhook's group commit (lib/webhook/store.ts) runs this inside its
 * one statement; createTasks runs it alone.
 */
export const CREATE_TASKS_SQL = `
task AS (
  INSERT INTO call_tasks AS c (id, org_id, agent_id, status, source, phone, lead_name, crm_lead_id, variables, schedule_params, timezone,
    max_attempts, next_attempt_at, next_attempt_reason, idempotency_key, dedupe_key, active_dedupe_key, delivery_id, lead_fields,
    created_at, updated_at)
  SELECT n.id, n.org_id, n.agent_id, n.status, n.source, n.phone, n.lead_name, n.crm_lead_id, n.variables, n.schedule_params, n.timezone,
    n.max_attempts, n.next_attempt_at, n.next_attempt_reason, n.idempotency_key, n.dedupe_key, n.dedupe_key, n.delivery_id, n.lead_fields,
    n.created_at, now()
  FROM new_task n
  ORDER BY n.agent_id, n.dedupe_key
  ON CONFLICT (agent_id, active_dedupe_key) DO UPDATE SET active_dedupe_key = c.active_dedupe_key
  RETURNING c.id, c.agent_id, c.active_dedupe_key, c.next_attempt_at
),
task_wakeup AS (
  INSERT INTO call_wakeups (task_id, agent_id, from_attempt, run_at)
  SELECT id, agent_id, 1, CASE WHEN first_of_group OR fallback_at IS NULL THEN next_attempt_at ELSE fallback_at END
  FROM (SELECT t.id, t.agent_id, t.next_attempt_at, n.fallback_at,
          row_number() OVER (PARTITION BY n.wake_group, n.fallback_at IS NOT NULL ORDER BY n.ord) = 1 AS first_of_group
        FROM new_task n JOIN task t ON t.id = n.id) created
)`;

/** The columns `new_task` has, with their types, as jsonb_to_recordset reads them. */
export const NEW_TASK_COLUMNS = `id text, org_id text, agent_id text, status "CallStatus", source text, phone text, lead_name text,
  crm_lead_id text, variables jsonb, schedule_params jsonb, timezone text, max_attempts int, next_attempt_at timestamptz,
  next_attempt_reason jsonb, idempotency_key text, dedupe_key text, delivery_id text, lead_fields jsonb, created_at timestamptz,
  fallback_at timestamptz, wake_group text, ord int`;

/**
 * Creates tasks and queues their first wake-ups in the caller's transaction, durable before anyone is told; returns
 * each task's id (the open task's, for a lead that already has one).
 */
export async function createTasks(tx: Pick<Prisma.TransactionClient, "$queryRawUnsafe">, rows: NewTaskRow[]): Promise<string[]> {
  if (!rows.length) return [];
  const json = rows.map((r, ord) => ({
    id: r.id,
    org_id: r.orgId,
    agent_id: r.agentId,
    status: r.status,
    source: r.source,
    phone: r.phone,
    lead_name: r.leadName,
    crm_lead_id: r.crmLeadId,
    variables: r.variables,
    schedule_params: r.scheduleParams,
    timezone: r.timezone,
    max_attempts: r.maxAttempts,
    next_attempt_at: r.nextAttemptAt,
    next_attempt_reason: r.nextAttemptReason,
    idempotency_key: r.idempotencyKey,
    dedupe_key: r.dedupeKey,
    delivery_id: r.deliveryId,
    lead_fields: r.leadFields,
    created_at: r.createdAt,
    ord,
  }));
  const created = await tx.$queryRawUnsafe<Array<{ id: string }>>(
    `WITH new_task AS (SELECT * FROM jsonb_to_recordset($1::jsonb) AS n(${NEW_TASK_COLUMNS})), ${CREATE_TASKS_SQL}
    SELECT t.id FROM new_task n JOIN task t ON t.agent_id = n.agent_id AND (t.id = n.id OR t.active_dedupe_key = n.dedupe_key) ORDER BY n.ord`,
    JSON.stringify(json),
  );
  return created.map((r) => r.id);
}
