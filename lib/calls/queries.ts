import "server-only";
import { findAgent } from "@/lib/agents/queries";
import { createCallTask } from "@/lib/calls/create";
import { leadNameOf } from "@/lib/calls/lead-name";
import { callsPageWhere, searchCountryCode } from "@/lib/calls/filters";
import type { createCallSchema, ListCallsQuery } from "@/lib/calls/schema";
import { canCancel, canRetryNow, maxAttemptsAfterRetryNow } from "@/lib/calls/state";
import { db } from "@/lib/db";
import type { CallAttempt, CallTask, Prisma } from "@/lib/generated/prisma/client";
import { encodeCursor } from "@/lib/http/cursor";
import { ApiError, isUniqueViolation } from "@/lib/http/errors";
import { callDriver } from "@/lib/calls/driver";
import { handOverIfDue, wakeSoon } from "@/lib/calls/wakeups";
import { markCancelled, markRetryNow } from "@/lib/calls/writes";
import { describeReason } from "@/lib/schedule/describe-reason";
import { agentSchedule, agentZone } from "@/lib/schedule/agent-defaults";
import type { AttemptReason } from "@/lib/schedule/types";
import { formatPhoneE164 } from "@/lib/variables/phone";
import type { z } from "zod";
import { redactFields } from "@/lib/redact";

export function presentReason(reason: Prisma.JsonValue | null) {
  if (!reason || typeof reason !== "object" || !("kind" in reason)) return null;
  const r = reason as AttemptReason | { kind: "finished"; why: string };
  return { ...r, text: r.kind === "finished" ? `finished: ${r.why}` : describeReason(r) };
}

function presentAttempt(a: CallAttempt) {
  return {
    number: a.number,
    status: a.status,
    scheduledAt: a.scheduledAt,
    reason: presentReason(a.reason),
    dialedAt: a.dialedAt,
    endedAt: a.endedAt,
    provider: a.provider,
    providerCallId: a.providerCallId,
    outcome: a.outcome,
    outcomeDetail: a.outcomeDetail,
    error: a.error,
    variablesSent: a.variablesSent,
    summary: a.summary,
    transcript: a.transcript,
    recordingUrl: a.recordingUrl,
  };
}

export function presentCall(task: CallTask, attempts?: CallAttempt[]) {
  return {
    id: task.id,
    agentId: task.agentId,
    status: task.status,
    source: task.source,
    phone: task.phone,
    leadName: task.leadName,
    crmLeadId: task.crmLeadId,
    variables: task.variables,
    scheduleParams: task.scheduleParams,
    timezone: task.timezone,
    attemptsMade: task.attemptsMade,
    maxAttempts: task.maxAttempts,
    nextAttemptAt: task.nextAttemptAt,
    nextAttemptReason: presentReason(task.nextAttemptReason),
    lastOutcome: task.lastOutcome,
    lastError: task.lastError,
    createdAt: task.createdAt,
    finishedAt: task.finishedAt,
    deliveryId: task.deliveryId,
    // Rows written before lead fields were redacted on the way in (and fields read from the CRM's API) are hidden here too.
    ...(attempts
      ? { leadFields: redactFields(task.leadFields as Record<string, unknown> | null), attempts: attempts.map(presentAttempt) }
      : {}),
  };
}

/** A call placed through the API: the same task, schedule and driver hand-off as a CRM lead. */
export async function createCall(orgId: string, input: z.output<typeof createCallSchema>, idempotencyKey: string | null) {
  if (idempotencyKey) {
    const existing = await db.callTask.findUnique({ where: { orgId_idempotencyKey: { orgId, idempotencyKey } } });
    if (existing) return { call: presentCall(existing), replayed: true };
  }
  const agent = await findAgent(orgId, input.agentId);
  const org = await db.organization.findUniqueOrThrow({ where: { id: orgId }, select: { timezone: true, defaultCountryCode: true } });
  const params = agentSchedule(input.schedule, agent);
  const phone = formatPhoneE164(input.phone, org.defaultCountryCode);
  if (!phone.ok) throw new ApiError(400, "invalid_phone", `${phone.reason}.`, [{ field: "phone", message: phone.reason }]);

  const variables = { ...input.variables, ...(input.name ? { name: input.name } : {}), [agent.phoneVariable]: phone.value };
  try {
    const task = await db.$transaction((tx) =>
      createCallTask(tx, {
        orgId,
        agent,
        source: "api",
        phone: phone.value,
        leadName: leadNameOf(variables, {}),
        variables,
        params,
        fallbackZone: agentZone(agent, org),
        receivedAt: new Date(),
        idempotencyKey,
      }),
    );
    await handOverIfDue(callDriver(), [task.nextAttemptAt ?? new Date()]);
    return { call: presentCall(task), replayed: false };
  } catch (err) {
    // Two requests with one idempotency key raced: the loser answers with the winner's call.
    if (idempotencyKey && isUniqueViolation(err)) {
      const existing = await db.callTask.findUniqueOrThrow({ where: { orgId_idempotencyKey: { orgId, idempotencyKey } } });
      return { call: presentCall(existing), replayed: true };
    }
    throw err;
  }
}

export async function findCall(orgId: string, callId: string) {
  const task = await db.callTask.findFirst({ where: { id: callId, orgId }, include: { attempts: { orderBy: { number: "asc" } } } });
  if (!task) throw new ApiError(404, "not_found", `No call ${callId} in your organisation.`);
  return task;
}

export const NEWEST_FIRST = [{ createdAt: "desc" }, { id: "desc" }] satisfies Prisma.CallTaskOrderByWithRelationInput[];

/** One page of Call History, newest first; the API, the CSV export and the benchmark all read through here. */
export async function listCalls(orgId: string, q: ListCallsQuery) {
  const countryCode = q.q ? await searchCountryCode(orgId) : null;
  const where = await callsPageWhere(orgId, q, q.cursor, q.limit + 1, countryCode);
  const rows = await db.callTask.findMany({ where, orderBy: NEWEST_FIRST, take: q.limit + 1 });
  const page = rows.slice(0, q.limit);
  return { calls: page.map((t) => presentCall(t)), next_cursor: rows.length > q.limit ? encodeCursor(page[page.length - 1]!) : null };
}

export async function cancelCall(orgId: string, callId: string) {
  const task = await findCall(orgId, callId);
  if (!canCancel(task.status)) {
    throw new ApiError(
      409,
      "not_cancellable",
      `Call ${callId} is ${task.status.replace("_", " ")}; only a scheduled call can be cancelled.`,
    );
  }
  if (!(await markCancelled(task.id, new Date())))
    throw new ApiError(409, "not_cancellable", `Call ${callId} started dialing just now; it can no longer be cancelled.`);
  return findCall(orgId, callId);
}

export async function retryCallNow(orgId: string, callId: string) {
  const task = await findCall(orgId, callId);
  if (!canRetryNow(task.status))
    throw new ApiError(409, "not_retryable", `Call ${callId} is ${task.status.replace("_", " ")}; only a failed call can be retried now.`);
  const now = new Date();
  if (!(await markRetryNow(task, maxAttemptsAfterRetryNow(task), now)))
    throw new ApiError(409, "not_retryable", `Call ${callId} changed just now; reload and try again.`);
  wakeSoon();
  return findCall(orgId, callId);
}
