import { z } from "zod";
import { OUTCOMES } from "@/lib/schedule/types";

export const WRITE_BACK_MODES = ["off", "each_attempt", "final"] as const;
export type WriteBackMode = (typeof WRITE_BACK_MODES)[number];

export const WRITE_BACK_MODE_LABELS: Record<WriteBackMode, string> = {
  off: "Off: write nothing to the CRM",
  each_attempt: "After each attempt",
  final: "Only the final outcome (after the last attempt)",
};

export const MAX_FIELD_UPDATES = 20;

const fieldUpdateSchema = z.object({
  outcome: z.enum(OUTCOMES, { error: `Choose an outcome: ${OUTCOMES.join(", ")}.` }),
  field: z
    .string({ error: "Enter the field to set: a LeadSquared SchemaName (e.g. ProspectStage) or a HubSpot property (e.g. hs_lead_status)." })
    .trim()
    .min(1, "Enter the field to set: a LeadSquared SchemaName (e.g. ProspectStage) or a HubSpot property (e.g. hs_lead_status).")
    .max(200, "Keep the field name to 200 characters or fewer."),
  value: z.string({ error: "Enter the value to write." }).trim().max(1000, "Keep the value to 1,000 characters or fewer."),
});

/** A custom LeadSquared activity type for call outcomes, created from the Write-back tab (form, route and tests). */
export const newActivityTypeSchema = z.object({
  name: z
    .string({ error: "Give the activity type a name." })
    .trim()
    .min(1, "Give the activity type a name.")
    .max(100, "Keep the name under 100 characters."),
});
export type NewActivityType = z.infer<typeof newActivityTypeSchema>;

/**
 * An agent's CRM write-back, one schema for the form, the route and the tests. LeadSquared gets an activity of the
 * chosen type on the lead; HubSpot a call engagement on the contact; each carries the provider's summary, recording
 * link and, unless `includeTranscript` is off (privacy), transcript. Either CRM gets the field updates whose outcome
 * matches (LeadSquared lead fields by SchemaName, HubSpot contact properties by name).
 */
export const writeBackSchema = z
  .object({
    mode: z.enum(WRITE_BACK_MODES, { error: `Choose when to write: ${WRITE_BACK_MODES.join(", ")}.` }),
    leadSquaredActivityEvent: z
      .number({ error: "Choose a LeadSquared activity type (its numeric code)." })
      .int("A LeadSquared activity type code is a whole number.")
      .positive("A LeadSquared activity type code is a positive number.")
      .nullable(),
    hubSpotEngagement: z.boolean({ error: "Say whether to log a HubSpot call engagement (true or false)." }),
    // Settings saved before this option existed keep sending the transcript, as they would have.
    includeTranscript: z.boolean({ error: "Say whether to send the call's transcript to the CRM (true or false)." }).default(true),
    fieldUpdates: z.array(fieldUpdateSchema).max(MAX_FIELD_UPDATES, `At most ${MAX_FIELD_UPDATES} field updates.`),
  })
  .superRefine((value, ctx) => {
    const seen = new Set<string>();
    value.fieldUpdates.forEach((u, i) => {
      const key = `${u.outcome}\u0000${u.field.toLowerCase()}`;
      if (seen.has(key))
        ctx.addIssue({ code: "custom", path: ["fieldUpdates", i, "field"], message: `${u.field} is already set for ${u.outcome}.` });
      seen.add(key);
    });
  });

export type WriteBackSettings = z.output<typeof writeBackSchema>;
export type WriteBackInput = z.input<typeof writeBackSchema>;

export const WRITE_BACK_OFF: WriteBackSettings = {
  mode: "off",
  leadSquaredActivityEvent: null,
  hubSpotEngagement: true,
  includeTranscript: true,
  fieldUpdates: [],
};

/** The stored value as settings; what does not parse (never saved, or an older shape) is off. */
export function readWriteBack(stored: unknown): WriteBackSettings {
  const parsed = writeBackSchema.safeParse(stored);
  return parsed.success ? parsed.data : WRITE_BACK_OFF;
}
