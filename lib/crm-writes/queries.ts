import "server-only";
import { db } from "@/lib/db";
import type { CrmWrite } from "@/lib/generated/prisma/client";
import { ApiError } from "@/lib/http/errors";
import { retryWrite } from "./drain";

const KIND_LABELS: Record<string, string> = {
  "leadsquared.activity": "LeadSquared activity",
  "leadsquared.lead_update": "LeadSquared lead fields",
  "hubspot.call": "HubSpot call engagement",
  "hubspot.contact_update": "HubSpot contact properties",
};

/** What the dashboard shows of a write: its state, the reason it failed, never its payload (lead data). */
export function presentWrite(w: CrmWrite) {
  return {
    id: w.id,
    kind: w.kind,
    label: KIND_LABELS[w.kind] ?? w.kind,
    attemptId: w.attemptId,
    status: w.status,
    tries: w.tries,
    nextTryAt: w.status === "pending" ? w.runAt.toISOString() : null,
    lastError: w.lastError,
    updatedAt: w.updatedAt.toISOString(),
  };
}

/** One call's CRM writes, oldest first; 404 for a call of another organisation, as for one that does not exist. */
export async function listCallWrites(orgId: string, callId: string) {
  const task = await db.callTask.findFirst({ where: { id: callId, orgId }, select: { id: true } });
  if (!task) throw new ApiError(404, "not_found", `No call ${callId} in your organisation.`);
  const rows = await db.crmWrite.findMany({ where: { orgId, taskId: callId }, orderBy: [{ createdAt: "asc" }, { kind: "asc" }] });
  return rows.map(presentWrite);
}

/** The Retry button: a failed write of this call goes back to the queue, due now. */
export async function retryCallWrite(orgId: string, callId: string, writeId: string) {
  const write = await db.crmWrite.findFirst({ where: { id: writeId, orgId, taskId: callId } });
  if (!write) throw new ApiError(404, "not_found", `No CRM write ${writeId} on call ${callId} in your organisation.`);
  if (!(await retryWrite(orgId, writeId)))
    throw new ApiError(409, "not_failed", `This write is ${write.status}: only a failed write can be retried.`);
  return presentWrite((await db.crmWrite.findUniqueOrThrow({ where: { id: writeId } }))!);
}
