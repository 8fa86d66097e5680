import "server-only";
import { planCallEndedWebhooks } from "@/lib/call-webhooks/enqueue";
import { callPageUrl } from "@/lib/call-webhooks/payload";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { NewWrite } from "./outbox";
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
 * The writes of attempts that just ended (the call-ended webhook, and the CRM write-back its agent asks for), read in
 * a few queries for the whole batch. The statement that settles the tasks queues them (lib/calls/writes.ts,
 * settleTasks), only for the tasks it moved: a crash loses none and a second settle queues none twice. They run after
 * the commit, when the drain next looks (lib/crm-writes/drain.ts).
 */
export async function planAfterAttemptWrites(inputs: AfterAttempt[]): Promise<NewWrite[]> {
  if (!inputs.length) return [];
  // The call-ended webhook goes out whatever the CRM write-back settings say. Both reads at once: in a rush each
  // round trip of a step waits behind the server's other work, so the step's latency counts round trips in a row.
  const [webhooks, tasks] = await Promise.all([
    planCallEndedWebhooks(inputs),
    db.callTask.findMany({
      where: { id: { in: inputs.map((i) => i.task.id) }, source: { in: ["leadsquared", "hubspot"] } },
      select: {
        id: true,
        orgId: true,
        source: true,
        crmLeadId: true,
        phone: true,
        maxAttempts: true,
        agent: { select: { writeBack: true } },
        attempts: { orderBy: { number: "desc" }, take: 1 },
      },
    }),
  ]);
  const writing = tasks.filter((t) => readWriteBack(t.agent.writeBack).mode !== "off");
  if (!writing.length) return webhooks;
  const integrations = await db.integration.findMany({
    where: { orgId: { in: [...new Set(writing.map((t) => t.orgId))] }, crm: { in: ["leadsquared", "hubspot"] } },
    select: { id: true, orgId: true, crm: true },
  });
  const writes = writing.flatMap((task) => {
    const input = inputs.find((i) => i.task.id === task.id)!;
    const attempt = task.attempts[0];
    if (!attempt || attempt.number !== input.attempt) return [];
    return planAttemptWrites({
      orgId: task.orgId,
      taskId: task.id,
      source: task.source,
      crmLeadId: task.crmLeadId,
      phone: task.phone,
      integrationId: integrations.find((i) => i.orgId === task.orgId && i.crm === task.source)?.id ?? null,
      settings: readWriteBack(task.agent.writeBack),
      final: input.final,
      maxAttempts: task.maxAttempts,
      callUrl: callPageUrl(input.task.id, env().LEADLINE_PUBLIC_URL),
      attempt: {
        id: attempt.id,
        number: attempt.number,
        outcome: attempt.outcome,
        detail: attempt.outcomeDetail,
        error: attempt.error,
        providerCallId: attempt.providerCallId,
        dialedAt: attempt.dialedAt,
        endedAt: attempt.endedAt,
        summary: attempt.summary,
        transcript: attempt.transcript,
        recordingUrl: attempt.recordingUrl,
      },
    });
  });
  return [...webhooks, ...writes];
}
