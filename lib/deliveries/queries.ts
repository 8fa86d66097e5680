import "server-only";
import { db } from "@/lib/db";
import type { ListDeliveriesQuery } from "@/lib/deliveries/schema";
import type { Prisma } from "@/lib/generated/prisma/client";
import { afterCursor, encodeCursor } from "@/lib/http/cursor";
import { createdBetween } from "@/lib/http/page-query";
import { ApiError } from "@/lib/http/errors";
import { MAX_STORED_BODY_BYTES } from "@/lib/redact";
import { ingestWebhookRequest } from "@/lib/webhook/handle";

export async function listDeliveries(orgId: string, q: ListDeliveriesQuery) {
  const where: Prisma.DeliveryWhereInput = {
    orgId,
    ...(q.agent_id ? { agentId: q.agent_id } : {}),
    ...(q.crm ? { crm: q.crm } : {}),
    ...(q.status ? { status: q.status } : {}),
    ...createdBetween(q.from, q.to),
    ...afterCursor(q.cursor),
  };
  const rows = await db.delivery.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: q.limit + 1,
    omit: { body: true },
    // The first rejected lead's reason, so the log says what went wrong without opening each delivery.
    include: { leads: { where: { status: "rejected" }, orderBy: { id: "asc" }, take: 1, select: { reason: true } } },
  });
  const page = rows.slice(0, q.limit).map(({ leads, ...d }) => ({ ...d, firstRejection: leads[0]?.reason ?? null }));
  return { deliveries: page, next_cursor: rows.length > q.limit ? encodeCursor(page[page.length - 1]!) : null };
}

export async function findDelivery(orgId: string, deliveryId: string) {
  const delivery = await db.delivery.findFirst({ where: { id: deliveryId, orgId }, include: { leads: { orderBy: { id: "asc" } } } });
  if (!delivery) throw new ApiError(404, "not_found", `No delivery ${deliveryId} in your organisation.`);
  return delivery;
}

/**
 * Runs a stored request again, after the admin fixed its cause (a mapping, a parameter default, an integration).
 * It becomes a new delivery; leads that already have an open call come back as duplicates.
 */
export async function replayDelivery(orgId: string, deliveryId: string) {
  const original = await findDelivery(orgId, deliveryId);
  if (original.bodyBytes > MAX_STORED_BODY_BYTES) {
    throw new ApiError(
      409,
      "body_truncated",
      `Delivery ${deliveryId} was larger than the ${MAX_STORED_BODY_BYTES / 1024} KB Leadline keeps, so it cannot be replayed. Ask the CRM to send it again.`,
    );
  }
  const query = new URLSearchParams(original.query as Record<string, string>);
  query.delete("x_api_key");
  return ingestWebhookRequest({ orgId, query, contentType: original.contentType, raw: original.body });
}
