import "server-only";
import type { Tx } from "@/lib/db";
import type { Agent, Prisma } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import type { JobDriver } from "@/lib/jobs/driver";
import { effectiveZone, firstAttemptAt } from "@/lib/schedule/planner";
import type { ScheduleParams } from "@/lib/schedule/types";

export type NewCallTask = {
  orgId: string;
  agent: Pick<Agent, "id">;
  source: "api" | "leadsquared" | "hubspot";
  phone: string;
  leadName?: string | null;
  crmLeadId?: string | null;
  variables: Record<string, string>;
  params: ScheduleParams;
  /** The agent's zone, else the organisation's; a `timezone` schedule parameter wins over it. */
  fallbackZone: string;
  receivedAt: Date;
  idempotencyKey?: string | null;
};

/** Creates a task and hands it to the job driver inside the caller's transaction: durable before anyone is told. */
export async function createCallTask(tx: Tx, driver: JobDriver, input: NewCallTask) {
  const zone = effectiveZone(input.params, input.fallbackZone);
  const first = firstAttemptAt({ receivedAt: input.receivedAt, params: input.params, zone });
  const task = await tx.callTask.create({
    data: {
      id: newId("call"),
      orgId: input.orgId,
      agentId: input.agent.id,
      status: "scheduled",
      source: input.source,
      phone: input.phone,
      leadName: input.leadName ?? null,
      crmLeadId: input.crmLeadId ?? null,
      variables: input.variables,
      scheduleParams: input.params as unknown as Prisma.InputJsonValue,
      timezone: zone,
      maxAttempts: 1 + input.params.retries,
      nextAttemptAt: first.at,
      nextAttemptReason: first.reason as unknown as Prisma.InputJsonValue,
      idempotencyKey: input.idempotencyKey ?? null,
      createdAt: input.receivedAt,
    },
  });
  await driver.scheduleInTransaction(tx, task.id, first.at);
  return task;
}
