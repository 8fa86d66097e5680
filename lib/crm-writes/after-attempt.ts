import "server-only";
import { queueCallEndedWebhooks } from "@/lib/call-webhooks/enqueue";
import type { Tx } from "@/lib/db";
import { enqueueWrites } from "./outbox";
import { planAttemptWrites } from "./outcome-writes";
import { readWriteBack } from "./settings";

export type AfterAttempt = {
  task: { id: string; agentId: string };
  /** The number of the attempt that ended. */
  attempt: number;
  /** No attempt follows: the task is finished. */
  final: boolean;
};

/**
 * Queues the CRM writes of an attempt that just ended, in the transaction that settles its task (lib/calls/writes.ts,
 * settleTask), so a crash loses none and a second settle queues none twice. The writes run after the commit, when
 * the drain next looks (lib/crm-writes/drain.ts).
 */
export async function queueAfterAttemptWrites(tx: Tx, input: AfterAttempt): Promise<void> {
  // The call-ended webhook goes out whatever the CRM write-back settings say.
  await queueCallEndedWebhooks(tx, input);
  const task = await tx.callTask.findUnique({
    where: { id: input.task.id },
    select: {
      orgId: true,
      source: true,
      crmLeadId: true,
      phone: true,
      maxAttempts: true,
      agent: { select: { writeBack: true } },
      attempts: { where: { number: input.attempt }, take: 1 },
    },
  });
  const attempt = task?.attempts[0];
  if (!task || !attempt) return;
  const settings = readWriteBack(task.agent.writeBack);
  if (settings.mode === "off" || (task.source !== "leadsquared" && task.source !== "hubspot")) return;
  const integration = await tx.integration.findUnique({
    where: { orgId_crm: { orgId: task.orgId, crm: task.source } },
    select: { id: true },
  });
  await enqueueWrites(
    tx,
    planAttemptWrites({
      orgId: task.orgId,
      taskId: input.task.id,
      source: task.source,
      crmLeadId: task.crmLeadId,
      phone: task.phone,
      integrationId: integration?.id ?? null,
      settings,
      final: input.final,
      maxAttempts: task.maxAttempts,
      attempt: {
        id: attempt.id,
        number: attempt.number,
        outcome: attempt.outcome,
        detail: attempt.outcomeDetail,
        error: attempt.error,
        providerCallId: attempt.providerCallId,
        dialedAt: attempt.dialedAt,
        endedAt: attempt.endedAt,
      },
    }),
  );
}
