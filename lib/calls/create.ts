import "server-only";
import type { Crm } from "@/lib/crm/crms";
import type { Tx } from "@/lib/db";
import type { Agent, Prisma } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import { createTasks } from "@/lib/calls/writes";
import { effectiveZone, firstAttemptAt } from "@/lib/schedule/planner";
import type { ScheduleParams } from "@/lib/schedule/types";

export type NewCallTask = {
  orgId: string;
  agent: Pick<Agent, "id">;
  source: "api" | Crm;
  /** Null when the number must first be read from the CRM's API: the task starts in `resolving`. */
  phone: string | null;
  leadName?: string | null;
  crmLeadId?: string | null;
  variables: Record<string, string>;
  params: ScheduleParams;
  /** The agent's zone, else the organisation's; a `timezone` schedule parameter wins over it. */
  fallbackZone: string;
  receivedAt: Date;
  idempotencyKey?: string | null;
  dedupeKey?: string | null;
  deliveryId?: string | null;
  leadFields?: Record<string, unknown> | null;
};

/** The task row a new call starts as, first woken at its `nextAttemptAt`; pure, shared by every way a call is created. */
export function newCallTaskRow(input: NewCallTask) {
  const zone = effectiveZone(input.params, input.fallbackZone);
  // A resolving task is woken at once to read its lead; its first attempt is planned from the arrival time afterwards.
  const first =
    input.phone === null
      ? { at: input.receivedAt, reason: null }
      : firstAttemptAt({ receivedAt: input.receivedAt, params: input.params, zone });
  const row = {
    id: newId("call"),
    orgId: input.orgId,
    agentId: input.agent.id,
    status: input.phone === null ? ("resolving" as const) : ("scheduled" as const),
    source: input.source,
    phone: input.phone ?? "",
    leadName: input.leadName ?? null,
    crmLeadId: input.crmLeadId ?? null,
    variables: input.variables,
    scheduleParams: input.params as unknown as Prisma.InputJsonValue,
    timezone: zone,
    maxAttempts: 1 + input.params.retries,
    nextAttemptAt: first.at,
    nextAttemptReason: (first.reason ?? undefined) as unknown as Prisma.InputJsonValue,
    idempotencyKey: input.idempotencyKey ?? null,
    dedupeKey: input.dedupeKey ?? null,
    activeDedupeKey: input.dedupeKey ?? null,
    deliveryId: input.deliveryId ?? null,
    leadFields: (input.leadFields ?? undefined) as Prisma.InputJsonValue | undefined,
    createdAt: input.receivedAt,
  };
  return row;
}

export type NewTaskRow = ReturnType<typeof newCallTaskRow>;

/** Creates a task and its first wake-up inside the caller's transaction (createTasks): durable before anyone is told. */
export async function createCallTask(tx: Tx, input: NewCallTask) {
  const [id] = await createTasks(tx, [newCallTaskRow(input)]);
  return tx.callTask.findUniqueOrThrow({ where: { id } });
}
