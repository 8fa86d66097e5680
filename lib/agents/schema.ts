import { z } from "zod";
import { parseScheduleParams, SCHEDULE_PARAM_NAMES, type ScheduleParamName } from "@/lib/schedule/parse-schedule-params";
import { timeZoneSchema } from "@/lib/orgs/schema";

const optionalText = (max: number) => z.string().trim().max(max).optional();

const scheduleDefaultsShape = Object.fromEntries(SCHEDULE_PARAM_NAMES.map((n) => [n, z.string().trim().optional()])) as Record<
  ScheduleParamName,
  z.ZodOptional<z.ZodString>
>;

/** Schedule parameters in their URL form; they must be valid on their own, since a webhook URL may add nothing. */
export const scheduleDefaultsSchema = z
  .object(scheduleDefaultsShape)
  .strict()
  .superRefine((raw, ctx) => {
    const result = parseScheduleParams(raw);
    if (!result.ok) for (const p of result.problems) ctx.addIssue({ code: "custom", path: [p.parameter], message: p.message });
  });

// Each field once, without defaults: creating fills the gaps, while a change must never touch a field it does not name
// (zod 4 applies a default inside .partial(), which once turned a Vapi agent back into the simulator).
const agentFields = {
  name: z.string().trim().min(1, "Give the agent a name.").max(120, "Keep the name under 120 characters."),
  provider: z.enum(["simulator", "vapi"], { message: "Choose simulator or vapi." }),
  providerSettings: z.object({ assistantId: optionalText(200), phoneNumberId: optionalText(200) }).strict(),
  /** Write-only: stored encrypted, answered with the last four characters. */
  providerApiKey: z.string().trim().min(8, "Paste the provider's private API key.").max(500),
  // Empty or null means "use the organisation's zone"; nullable, not nullish, so a missing zone is left alone.
  timezone: z
    .string()
    .trim()
    .nullable()
    .transform((v) => v || null)
    .pipe(timeZoneSchema.nullable()),
  concurrencyCap: z
    .number({ message: "Give a whole number of calls." })
    .int("Give a whole number of calls.")
    .min(1, "Allow at least 1 call at a time.")
    .max(200, "At most 200 calls at a time."),
  phoneVariable: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]*$/, "Use a variable name like phone or mobile_number."),
  scheduleDefaults: scheduleDefaultsSchema,
};

/** A new agent: only the name is required. */
export const agentInputSchema = z
  .object({
    ...agentFields,
    provider: agentFields.provider.default("simulator"),
    providerSettings: agentFields.providerSettings.default({}),
    providerApiKey: agentFields.providerApiKey.optional(),
    timezone: agentFields.timezone.optional(),
    concurrencyCap: agentFields.concurrencyCap.default(5),
    phoneVariable: agentFields.phoneVariable.default("phone"),
    scheduleDefaults: scheduleDefaultsSchema.default({}),
  })
  .strict();

/** A change: exactly the fields it names, each replaced whole; no defaults. */
export const agentUpdateSchema = z.object(agentFields).partial().strict();

export type AgentInput = z.input<typeof agentInputSchema>;
export type AgentUpdate = z.input<typeof agentUpdateSchema>;
