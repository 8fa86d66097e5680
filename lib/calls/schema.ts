import { z } from "zod";
import { FINAL_STATUSES, OPEN_STATUSES } from "@/lib/calls/state";
import { CRMS } from "@/lib/crm/crms";
import { pageQueryShape } from "@/lib/http/page-query";
import { OUTCOMES } from "@/lib/schedule/types";

const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);

export const createCallSchema = z
  .object({
    agentId: z.string().trim().min(1, "Name the agent that should call (agentId, e.g. agt_…)."),
    phone: z.string().trim().min(1, "Give the number to call, e.g. +919876543210."),
    name: z.string().trim().max(200).optional(),
    /** Exactly what the agent receives, next to `phone` (and `name` when given). */
    variables: z.record(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, "Variable names are letters, digits and _."), scalar).default({}),
    /** Schedule parameters as in a webhook URL (min_trigger_time: "09:00", num_of_retries: "3", ...). */
    schedule: z.record(z.string(), scalar).default({}),
  })
  .strict();

export const CALL_STATUSES = [...OPEN_STATUSES, ...FINAL_STATUSES] as const;

/** Where a call came from: a CRM's webhook or the calls API. */
export const CALL_SOURCES = [...CRMS, "api"] as const;

/** Call History's filters; the list, the CSV export and the chart all take exactly these. */
export const callFiltersSchema = z.object({
  agent_id: z.string().optional(),
  status: z.enum(CALL_STATUSES, { message: `status is one of ${CALL_STATUSES.join(", ")}` }).optional(),
  outcome: z.enum(OUTCOMES, { message: `outcome is one of ${OUTCOMES.join(", ")}` }).optional(),
  crm: z.enum(CALL_SOURCES, { message: `crm is one of ${CALL_SOURCES.join(", ")}` }).optional(),
  /** Part of the lead's name, number or CRM lead id. */
  q: z
    .string()
    .trim()
    .max(100, "q is at most 100 characters")
    .transform((q) => q || undefined)
    .optional(),
  from: pageQueryShape.from,
  to: pageQueryShape.to,
});

export const listCallsQuerySchema = callFiltersSchema.extend({ cursor: pageQueryShape.cursor, limit: pageQueryShape.limit });

export type CreateCallInput = z.input<typeof createCallSchema>;
export type CallFilters = z.output<typeof callFiltersSchema>;
export type ListCallsQuery = z.output<typeof listCallsQuerySchema>;
