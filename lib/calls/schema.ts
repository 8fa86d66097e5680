import { z } from "zod";
import { FINAL_STATUSES, OPEN_STATUSES } from "@/lib/calls/state";
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

export const listCallsQuerySchema = z.object({
  agent_id: z.string().optional(),
  status: z.enum(CALL_STATUSES, { message: `status is one of ${CALL_STATUSES.join(", ")}` }).optional(),
  outcome: z.enum(OUTCOMES, { message: `outcome is one of ${OUTCOMES.join(", ")}` }).optional(),
  ...pageQueryShape,
});

export type CreateCallInput = z.input<typeof createCallSchema>;
export type ListCallsQuery = z.output<typeof listCallsQuerySchema>;
