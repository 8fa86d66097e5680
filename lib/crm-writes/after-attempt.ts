import "server-only";
import { findCachedAgents } from "@/lib/agents/queries";
import { planCallEndedWebhooks } from "@/lib/call-webhooks/enqueue";
import { callPageUrl } from "@/lib/call-webhooks/payload";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import type { CallAttempt, CallTask } from "@/lib/generated/prisma/client";
import type { NewWrite } from "./outbox";
import { planAttemptWrites } from "./outcome-writes";
import { readWriteBack } from "./settings";

/** What a settle already read of a task whose attempt ended. */
export type AfterAttempt = {
  task: Pick<CallTask, "id" | "agentId" | "orgId" | "source" | "crmLeadId" | "phone" | "maxAttempts">;
  /** The attempt that ended. */
  attempt: CallAttempt;
  /** No attempt follows: the task is finished. */
  final: boolean;
};

/**
 * The writes of attempts that just ended (the call-ended webhook, and the CRM write-back its agent asks for), planned
 * from the rows the settle read and at most three queries for the whole batch, the first two at once: in a rush each
 * round trip of a step waits behind the server's other work. The statement that settles the tasks queues them
 * (lib/calls/writes.ts, settleTasks), only for the tasks it moved: a crash loses none and a second settle queues none
 * twice. They run after the commit, when the drain next looks (lib/crm-writes/drain.ts).
 */
export async function planAfterAttemptWrites(inputs: AfterAttempt[]): Promise<NewWrite[]> {
  if (!inputs.length) return [];
  const [webhooks, agents] = await Promise.all([
    // The call-ended webhook goes out whatever the CRM write-back settings say.
    planCallEndedWebhooks(inputs.map((i) => ({ task: i.task, attempt: i.attempt.number, final: i.final }))),
    findCachedAgents(inputs.map((i) => i.task.agentId)),
  ]);
  const settingsOf = new Map([...agents].map(([id, a]) => [id, readWriteBack(a.writeBack)]));
  const writing = inputs.filter(
    (i) => (i.task.source === "leadsquared" || i.task.source === "hubspot") && (settingsOf.get(i.task.agentId)?.mode ?? "off") !== "off",
  );
  if (!writing.length) return webhooks;
  const integrations = await db.integration.findMany({
    where: { orgId: { in: [...new Set(writing.map((i) => i.task.orgId))] }, crm: { in: ["leadsquared", "hubspot"] } },
    select: { id: true, orgId: true, crm: true },
  });
  const writes = writing.flatMap(({ task, attempt, final }) =>
    planAttemptWrites({
      orgId: task.orgId,
      taskId: task.id,
      source: task.source,
      crmLeadId: task.crmLeadId,
      phone: task.phone,
      integrationId: integrations.find((i) => i.orgId === task.orgId && i.crm === task.source)?.id ?? null,
      settings: settingsOf.get(task.agentId)!,
      final,
      maxAttempts: task.maxAttempts,
      callUrl: callPageUrl(task.id, env().LEADLINE_PUBLIC_URL),
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
    }),
  );
  return [...webhooks, ...writes];
}
