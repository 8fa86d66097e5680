import "server-only";
import { z } from "zod";
import { callEndedPayload } from "@/lib/call-webhooks/payload";
import { endpointsForAgent } from "@/lib/call-webhooks/queries";
import { enqueueWrites, type NewWrite } from "@/lib/crm-writes/outbox";
import type { Tx } from "@/lib/db";
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
 * Queues the call-ended posts for an attempt that just ended, in the transaction that ended it: `call.attempt_ended`
 * to endpoints that want each attempt, and when the call is over (`final`) `call.ended` to every endpoint. Dedupe keys
 * make a second call for the same attempt a no-op. The caller calls drainSoon() after the commit.
 */
export async function queueCallEndedWebhooks(
  tx: Tx,
  /** The shape of queueAfterAttemptWrites' input (lib/crm-writes/after-attempt.ts): `attempt` is its number. */
  input: { task: { id: string; agentId: string }; attempt: number; final: boolean },
): Promise<void> {
  const endpoints = await endpointsForAgent(tx, input.task.agentId);
  const wanted = endpoints.flatMap((e) => [
    ...(e.events === "each_attempt" ? [{ endpointId: e.id, final: false }] : []),
    ...(input.final ? [{ endpointId: e.id, final: true }] : []),
  ]);
  if (!wanted.length) return;
  const attempt = await tx.callAttempt.findUniqueOrThrow({
    where: { taskId_number: { taskId: input.task.id, number: input.attempt } },
    include: { task: { include: { agent: { select: { id: true, name: true } } } } },
  });
  const { task, ...attemptRow } = attempt;
  const now = new Date();
  const writes: NewWrite[] = wanted.map((w) => {
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
    return {
      orgId: task.orgId,
      kind: CALL_ENDED_WEBHOOK_KIND,
      dedupeKey: `call_ended:${w.endpointId}:${attempt.id}${w.final ? ":final" : ""}`,
      taskId: task.id,
      attemptId: attempt.id,
      ref: w.endpointId,
      payload: queued,
    };
  });
  await enqueueWrites(tx, writes);
}
