import "server-only";
import type { StepDeps } from "@/lib/calls/engine";
import { stepDeps } from "@/lib/calls/runtime";
import { db } from "@/lib/db";
import { deliveryStatus } from "@/lib/webhook/delivery-status";
import { lookupLeads } from "@/lib/webhook/lookup";

/** The delivery was answered "accepted" before the CRM was read; its log now tells the truth about this lead. */
export async function leadRejected(task: { id: string; deliveryId: string | null }, reason: string): Promise<void> {
  if (!task.deliveryId) return;
  const [, counts] = await db.$transaction([
    db.deliveryLead.updateMany({ where: { callTaskId: task.id, status: "accepted" }, data: { status: "rejected", reason } }),
    db.delivery.update({ where: { id: task.deliveryId }, data: { accepted: { decrement: 1 }, rejected: { increment: 1 } } }),
  ]);
  await db.delivery.update({ where: { id: task.deliveryId }, data: { status: deliveryStatus(counts) } });
}

/** The call engine's production dependencies, with the CRM side that lives here; what both drivers run with. */
export function engineDeps(): StepDeps {
  return stepDeps({ lookupLeads, leadRejected });
}
