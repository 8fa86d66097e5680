import "server-only";
import { OPEN_STATUSES, TRANSITIONS, type AfterAttempt } from "@/lib/calls/state";
import { queueWakeups, waitingForSlots } from "@/lib/calls/wakeups";
import { queueAfterAttemptWrites } from "@/lib/crm-writes/after-attempt";
import { db } from "@/lib/db";
import { Prisma, type Agent, type CallOutcome } from "@/lib/generated/prisma/client";
import type { NewTaskRow } from "@/lib/calls/create";
import type { CallReport } from "@/lib/providers/voice/port";

// Every write to call_tasks and call_attempts: new tasks (createTasks, at the end), then each compare-and-set. Each
// guards on the from-states of its event in TRANSITIONS, so a step that runs twice, or late, changes nothing; each
// queues the task's next wake-up in the same transaction.

const from = (event: keyof typeof TRANSITIONS) => [...TRANSITIONS[event].from];

export type Claimed = { taskId: string; agentId: string; attemptId: string; attempt: number };

/**
 * Claims the due attempts among `taskIds`, as many per agent as it has free slots, oldest first. The agents' advisory
 * locks are taken first (in id order, so two claimers cannot deadlock) and the claim runs as a second statement with
 * a fresh snapshot, so its count of live attempts includes every committed claim. One statement claims the batch.
 */
export async function claimDue(taskIds: string[], now: Date): Promise<Claimed[]> {
  if (!taskIds.length) return [];
  return db.$transaction(async (tx) => {
    const agents = await tx.$queryRaw<Array<{ agent_id: string }>>`SELECT DISTINCT agent_id FROM call_tasks
      WHERE id = ANY(${taskIds}::text[]) AND status = 'scheduled' AND next_attempt_at <= ${now}::timestamptz ORDER BY agent_id`;
    if (!agents.length) return [];
    const ids = agents.map((a) => a.agent_id);
    await tx.$queryRaw`SELECT count(pg_advisory_xact_lock(hashtextextended('agent-slots:' || id, 0))) FROM unnest(${ids}::text[]) AS id`;
    const rows = await tx.$queryRaw<Array<{ id: string; task_id: string; agent_id: string; number: number }>>`
      WITH free AS (
        SELECT a.id, a.provider, a.concurrency_cap - (SELECT count(*) FROM call_attempts c
          WHERE c.agent_id = a.id AND c.status IN ('dialing', 'in_progress'))::int AS n
        FROM agents a WHERE a.id = ANY(${ids}::text[])
      ), picked AS (
        SELECT p.id, f.provider FROM free f CROSS JOIN LATERAL (
          SELECT t.id FROM call_tasks t
          WHERE t.agent_id = f.id AND t.id = ANY(${taskIds}::text[]) AND t.status = 'scheduled' AND t.next_attempt_at <= ${now}::timestamptz
          ORDER BY t.next_attempt_at, t.id LIMIT GREATEST(f.n, 0) FOR UPDATE SKIP LOCKED) p
      ), claimed AS (
        UPDATE call_tasks t SET status = 'dialing', attempts_made = t.attempts_made + 1, updated_at = now()
        FROM picked p WHERE t.id = p.id AND t.status = 'scheduled'
        RETURNING t.id, t.agent_id, t.attempts_made, t.next_attempt_at, t.next_attempt_reason, t.variables, p.provider
      )
      INSERT INTO call_attempts (id, task_id, agent_id, number, status, scheduled_at, reason, provider, variables_sent, created_at)
      SELECT 'att_' || substr(c.id, 6) || '_' || c.attempts_made, c.id, c.agent_id, c.attempts_made, 'dialing',
             COALESCE(c.next_attempt_at, ${now}::timestamptz), COALESCE(c.next_attempt_reason, '{"kind":"immediate"}'::jsonb),
             c.provider, c.variables, now()
      FROM claimed c
      RETURNING id, task_id, agent_id, number`;
    return rows.map((r) => ({ taskId: r.task_id, agentId: r.agent_id, attemptId: r.id, attempt: r.number }));
  });
}

export type Dialed = Claimed & { providerCallId: string; deadline: Date };

/**
 * The provider has the calls: each attempt and its task go on the line, woken again at the outcome deadline. One
 * statement. An attempt whose report came first (recordReport found it by our attempt id) only gets its dial time:
 * its task keeps the wake-up the report gave it.
 */
export async function recordDialed(dialed: Dialed[], now: Date): Promise<void> {
  if (!dialed.length) return;
  await db.$executeRaw`
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
    ON CONFLICT (task_id) DO UPDATE SET agent_id = EXCLUDED.agent_id, from_attempt = EXCLUDED.from_attempt, run_at = EXCLUDED.run_at`;
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

/** Ends an attempt that has no report (refused, unknown result, timed out); a report that came first wins. */
export async function endAttempt(
  attemptId: string,
  end: { outcomeDetail?: string; error: string; retryable: boolean; now: Date; dialed: boolean },
): Promise<void> {
  await db.callAttempt.updateMany({
    where: { id: attemptId, status: { not: "ended" } },
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
 * Records a provider's terminal report once and wakes its task at once; a repeat changes nothing. The slot it frees
 * goes in the same statement to the oldest task of the agent waiting for one, so it never waits for a timer.
 */
export async function recordReport(
  agent: Pick<Agent, "id" | "provider">,
  report: CallReport,
): Promise<{ taskId: string; attempt: number; duplicate: boolean } | null> {
  for (let again = true; ; again = false) {
    const [ended] = await endReported(agent, report);
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

/** One statement: end the reported attempt, wake its task now and hand its slot over. Scoped to the verified agent. */
function endReported(agent: Pick<Agent, "id" | "provider">, report: CallReport) {
  return db.$queryRaw<Array<{ task_id: string; number: number }>>`
    WITH ended AS (
      UPDATE call_attempts SET status = 'ended', outcome = ${report.outcome}::"CallOutcome", outcome_detail = ${report.detail},
        retryable = ${report.retryable}, ended_at = ${report.endedAt}::timestamptz, provider_call_id = ${report.providerCallId}
      WHERE agent_id = ${agent.id} AND provider = ${agent.provider}::"VoiceProviderName" AND status <> 'ended'
        AND (provider_call_id = ${report.providerCallId} OR (id = ${report.attemptId ?? null} AND provider_call_id IS NULL))
      RETURNING id, task_id, agent_id, number
    ), woken AS (
      INSERT INTO call_wakeups (task_id, agent_id, from_attempt, run_at)
      SELECT * FROM (SELECT task_id, agent_id, number, now() FROM ended
        UNION ALL ${waitingForSlots(Prisma.sql`SELECT agent_id FROM ended`, Prisma.sql`SELECT id FROM ended`, new Date())}) w
      ORDER BY 1 -- rows locked in one order, so two reports for one agent cannot deadlock
      ON CONFLICT (task_id) DO UPDATE SET run_at = LEAST(call_wakeups.run_at, EXCLUDED.run_at)
    )
    SELECT task_id, number FROM ended`;
}

/**
 * Moves a task past its ended attempt as `decision` says (another try, or the end); false when the task had already
 * moved on. The slot it frees is handed on by wakeWaitingForSlots at the end of the batch.
 */
export async function settleTask(
  task: { id: string; agentId: string; attempt: number },
  ended: { outcome: CallOutcome | null; error: string | null },
  decision: AfterAttempt,
  now: Date,
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const common = { lastOutcome: ended.outcome, lastError: ended.error };
    const { count } = await tx.callTask.updateMany({
      where: { id: task.id, attemptsMade: task.attempt, status: { in: from("ended") } },
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
    if (!count) return false;
    await queueAfterAttemptWrites(tx, { task, attempt: task.attempt, final: decision.kind !== "retry" });
    if (decision.kind === "retry") {
      await queueWakeups(tx, [{ taskId: task.id, agentId: task.agentId, fromAttempt: task.attempt + 1, runAt: decision.at }]);
    }
    return true;
  });
}

/**
 * Each agent's due tasks held back by its cap (they have no wake-up of their own), oldest first, as many as it has
 * free slots now: woken at once. Called once per woken batch, for the slots its refused, abandoned or timed-out
 * attempts freed; a report hands its slot over itself (recordReport).
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
