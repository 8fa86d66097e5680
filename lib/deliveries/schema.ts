import { z } from "zod";
import { CRMS } from "@/lib/crm/crms";
import { pageQueryShape } from "@/lib/http/page-query";

export const DELIVERY_STATUSES = ["accepted", "duplicate", "rejected", "partial", "ignored", "error"] as const;

export const listDeliveriesQuerySchema = z.object({
  agent_id: z.string().optional(),
  crm: z.enum(CRMS, { message: `crm is ${CRMS.join(" or ")}` }).optional(),
  status: z.enum(DELIVERY_STATUSES, { message: `status is one of ${DELIVERY_STATUSES.join(", ")}` }).optional(),
  ...pageQueryShape,
});

export type ListDeliveriesQuery = z.output<typeof listDeliveriesQuerySchema>;
