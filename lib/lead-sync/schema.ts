import { z } from "zod";
import { checkTimeZone } from "@/lib/schedule/time-zone";

/** What the connector does with a lead, by whether the destination already has it (seed 001, §6.2.1). */
export const LEAD_BEHAVIOURS = ["capture", "create_only", "update_only", "do_nothing"] as const;
/** Activities have no "do nothing": the activity entity is switched off instead (§6.2.2). */
export const ACTIVITY_BEHAVIOURS = ["capture", "create_only", "update_only"] as const;

export type LeadBehaviour = (typeof LEAD_BEHAVIOURS)[number];
export type ActivityBehaviour = (typeof ACTIVITY_BEHAVIOURS)[number];

export const BEHAVIOUR_LABELS: Record<LeadBehaviour, string> = {
  capture: "Capture (create and update existing)",
  create_only: "Create only new records",
  update_only: "Update only existing records",
  do_nothing: "Do nothing",
};

const schemaName = z
  .string()
  .trim()
  .min(1, "Choose a field")
  .max(100, "A LeadSquared schema name is at most 100 characters")
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, "A LeadSquared schema name has letters, digits and underscores only, like mx_City");

export const fieldMappingSchema = z.object({
  /** The field's schema name in the source account. */
  source: schemaName,
  /** The field's schema name in this (the destination) account. */
  destination: schemaName,
  enabled: z.boolean().default(true),
  /** Used only when the source sends nothing and the destination's field is empty. */
  defaultValue: z.string().max(1000).nullable().default(null),
  /** Added by the admin (Add Custom), as opposed to pre-filled from both accounts' field lists. */
  custom: z.boolean().default(false),
});
export type FieldMapping = z.infer<typeof fieldMappingSchema>;

const mappings = z
  .array(fieldMappingSchema)
  .max(500)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((m, i) => {
      const key = m.destination.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: "custom", path: [i, "destination"], message: `${m.destination} is mapped twice` });
      seen.add(key);
    });
  });

const timeZone = z.string().refine((zone) => checkTimeZone(zone).ok, "Use an IANA time zone such as Asia/Kolkata");

export const leadSyncConfigSchema = z
  .object({
    name: z.string().trim().min(1, "Name the sync").max(100),
    leadSource: z.string().trim().min(1, "Say where these leads come from, e.g. LeadSquared 2nd account").max(100),
    /** Digits only, e.g. "91"; prefixed to mobile numbers that arrive without a country code. */
    defaultCountryCode: z
      .string()
      .trim()
      .transform((code) => code.replace(/^\+/, ""))
      .pipe(z.string().regex(/^\d{1,4}$/, "A country calling code is 1–4 digits, e.g. 91")),
    /** The source account's zone: its dates are read in it. */
    sourceTimeZone: timeZone,
    searchBy: schemaName,
    secondarySearchBy: schemaName.nullable().default(null),
    notifyUserId: z.string().nullable().default(null),
    notify: z.boolean().default(false),
    lead: z.object({ behaviour: z.enum(LEAD_BEHAVIOURS), fields: mappings }),
    activity: z.object({ enabled: z.boolean(), behaviour: z.enum(ACTIVITY_BEHAVIOURS), fields: mappings }),
  })
  .superRefine((config, ctx) => {
    const enabled = new Set(config.lead.fields.filter((f) => f.enabled).map((f) => f.destination.toLowerCase()));
    if (!enabled.has(config.searchBy.toLowerCase())) {
      ctx.addIssue({
        code: "custom",
        path: ["searchBy"],
        message: `Search By (${config.searchBy}) must be one of the mapped, enabled fields`,
      });
    }
    const second = config.secondarySearchBy;
    if (second && second.toLowerCase() === config.searchBy.toLowerCase()) {
      ctx.addIssue({ code: "custom", path: ["secondarySearchBy"], message: "The secondary Search By must differ from the first" });
    } else if (second && !enabled.has(second.toLowerCase())) {
      ctx.addIssue({ code: "custom", path: ["secondarySearchBy"], message: `${second} must be one of the mapped, enabled fields` });
    }
  });
export type LeadSyncConfig = z.infer<typeof leadSyncConfigSchema>;
