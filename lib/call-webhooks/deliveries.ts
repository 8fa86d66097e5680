import "server-only";
import { CALL_ENDED_WEBHOOK_KIND, queuedCallWebhookSchema } from "@/lib/call-webhooks/enqueue";
import type { PostRecord } from "@/lib/call-webhooks/post";
import type { CallWebhookDeliveryFilter } from "@/lib/call-webhooks/schema";
import { drainSoon } from "@/lib/crm-writes/outbox";
import { db } from "@/lib/db";
import type { CrmWrite } from "@/lib/generated/prisma/client";
import { ApiError } from "@/lib/http/errors";

const PAGE = 100;

/** One post (with its tries) as the delivery log shows it. */
export type CallWebhookDelivery = {
  id: string;
  endpointId: string | null;
  eventId: string | null;
  type: string | null;
  callId: string | null;
  attemptId: string | null;
  status: string;
  tries: number;
  nextTryAt: string | null;
  lastError: string | null;
  responseStatus: number | null;
  durationMs: number | null;
  responseBody: string | null;
  createdAt: string;
  updatedAt: string;
};

function present(row: CrmWrite): CallWebhookDelivery {
  const queued = queuedCallWebhookSchema.safeParse(row.payload).data;
  const answer = (row.response ?? null) as Partial<PostRecord> | null;
  return {
    id: row.id,
    endpointId: row.ref,
    eventId: queued?.eventId ?? null,
    type: queued?.type ?? null,
    callId: row.taskId,
    attemptId: row.attemptId,
    status: row.status,
    tries: row.tries,
    nextTryAt: row.status === "pending" ? row.runAt.toISOString() : null,
    lastError: row.lastError,
    responseStatus: typeof answer?.status === "number" ? answer.status : null,
    durationMs: typeof answer?.durationMs === "number" ? answer.durationMs : null,
    responseBody: typeof answer?.body === "string" ? answer.body : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The newest posts first, optionally of one status or one scope's endpoint. */
export async function listCallWebhookDeliveries(orgId: string, filter: CallWebhookDeliveryFilter): Promise<CallWebhookDelivery[]> {
  let ref: string | undefined;
  if (filter.scope) {
    const endpoint = await db.webhookEndpoint.findUnique({
      where: { orgId_scopeKey: { orgId, scopeKey: filter.scope } },
      select: { id: true },
    });
    if (!endpoint) return [];
    ref = endpoint.id;
  }
  const rows = await db.crmWrite.findMany({
    where: { orgId, kind: CALL_ENDED_WEBHOOK_KIND, ...(filter.status ? { status: filter.status } : {}), ...(ref ? { ref } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: PAGE,
  });
  return rows.map(present);
}

/**
 * Sends a delivery again, whatever became of it: the same event id and body, a fresh timestamp and signature, a new
 * round of tries. A post still queued or being sent is left alone (409): it is about to go anyway.
 */
export async function replayCallWebhookDelivery(orgId: string, id: string): Promise<CallWebhookDelivery> {
  const { count } = await db.crmWrite.updateMany({
    where: { id, orgId, kind: CALL_ENDED_WEBHOOK_KIND, status: { in: ["written", "failed", "cancelled"] } },
    data: { status: "pending", tries: 0, runAt: new Date(), leaseUntil: null },
  });
  const row = await db.crmWrite.findFirst({ where: { id, orgId, kind: CALL_ENDED_WEBHOOK_KIND } });
  if (!row) throw new ApiError(404, "unknown_delivery", `No call-ended webhook delivery ${id} in your organisation.`);
  if (!count)
    throw new ApiError(409, "delivery_in_flight", "This delivery is queued or being sent right now; replay it once it has finished.");
  drainSoon();
  return present(row);
}
