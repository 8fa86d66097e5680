import "server-only";
import { z } from "zod";
import { callEndedPayload } from "@/lib/call-webhooks/payload";
import { endpointsForAgent } from "@/lib/call-webhooks/queries";
import type { NewWrite } from "@/lib/crm-writes/outbox";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { randomToken } from "@/lib/ids";

export const CALL_ENDED_WEBHOOK_KIND = "call_ended_webhook";

/** What a queued post keeps: the exact body bytes and event id, so every try and replay sends the same event. */
export const queuedCallWebhookSchema = z.object({
  endpointId: z.string(),
  eventId: z.string(),
  type: z.string(),
  body: z.string(),
});
export type QueuedCallWebhook = z.infer<typeof queuedCallWebhookSchema>;

/**
 * The call-ended posts for attempts that just ended, for the statement that settles them to queue (lib/calls/writes.ts,
 * settleTasks): `call.attempt_ended` to endpoints that want each attempt, and when the call is over (`final`)
 * `call.ended` to every endpoint. Dedupe keys make a second queueing of the same attempt a no-op.
 */
export async function planCallEndedWebhooks(
  /** The shape of planAfterAttemptWrites' input (lib/crm-writes/after-attempt.ts): `attempt` is its number. */
  inputs: Array<{ task: { id: string; agentId: string }; attempt: number; final: boolean }>,
): Promise<NewWrite[]> {
  const agentIds = [...new Set(inputs.map((i) => i.task.agentId))];
  const endpointsOf = new Map(await Promise.all(agentIds.map(async (id) => [id, await endpointsForAgent(db, id)] as const)));
  const wanted = inputs.flatMap((input) =>
    endpointsOf
      .get(input.task.agentId)!
      .flatMap((e) => [
        ...(e.events === "each_attempt" ? [{ input, endpointId: e.id, final: false }] : []),
        ...(input.final ? [{ input, endpointId: e.id, final: true }] : []),
      ]),
  );
  if (!wanted.length) return [];
  const attempts = await db.callAttempt.findMany({
    where: { OR: [...new Set(wanted.map((w) => w.input))].map((i) => ({ taskId: i.task.id, number: i.attempt })) },
    include: { task: { include: { agent: { select: { id: true, name: true } } } } },
  });
  const now = new Date();
  return wanted.flatMap((w): NewWrite[] => {
    const attempt = attempts.find((a) => a.taskId === w.input.task.id && a.number === w.input.attempt);
    if (!attempt) return [];
    const { task, ...attemptRow } = attempt;
    const payload = callEndedPayload({
      task,
      attempt: attemptRow,
      agent: task.agent,
      final: w.final,
      publicUrl: env().LEADLINE_PUBLIC_URL,
      now,
    });
    const queued: QueuedCallWebhook = {
      endpointId: w.endpointId,
      eventId: `evt_${randomToken(20)}`,
      type: payload.type,
      body: JSON.stringify(payload),
    };
    return [
      {
        orgId: task.orgId,
        kind: CALL_ENDED_WEBHOOK_KIND,
        dedupeKey: `call_ended:${w.endpointId}:${attempt.id}${w.final ? ":final" : ""}`,
        taskId: task.id,
        attemptId: attempt.id,
        ref: w.endpointId,
        payload: queued,
      },
    ];
  });
}
