import { z } from "zod";

export const DELIVERY_STATUSES = ["accepted", "duplicate", "rejected", "partial", "ignored", "error"] as const;

export const listDeliveriesQuerySchema = z.object({
  agent_id: z.string().optional(),
  crm: z.enum(["leadsquared", "hubspot"], { message: "crm is leadsquared or hubspot" }).optional(),
  status: z.enum(DELIVERY_STATUSES, { message: `status is one of ${DELIVERY_STATUSES.join(", ")}` }).optional(),
  from: z.iso.datetime({ offset: true, message: "from is an ISO 8601 instant, e.g. 2026-11-23T00:00:00Z" }).optional(),
  to: z.iso.datetime({ offset: true, message: "to is an ISO 8601 instant, e.g. 2026-11-24T00:00:00Z" }).optional(),
  cursor: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(100, "limit is at most 100").default(50),
});

export type ListDeliveriesQuery = z.output<typeof listDeliveriesQuerySchema>;
