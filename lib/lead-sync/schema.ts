import { z } from "zod";
import { checkTimeZone } from "@/lib/schedule/time-zone";
import { LOG_RANGES } from "./log-range";

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

const keepableKey = z
  .string()
  .trim()
  .max(500, "That is longer than any key; paste only the key.")
  .optional()
  .transform((v) => v || undefined);

/** A LeadSquared account's host and keys; keys left empty keep the stored ones when editing. */
export const leadSyncAccountSchema = z.object({
  host: z.string().trim().min(1, "Enter the account's API host, e.g. https://api-in21.leadsquared.com"),
  accessKey: keepableKey,
  secretKey: keepableKey,
});
export type LeadSyncAccountInput = z.infer<typeof leadSyncAccountSchema>;

/** The destination is this organisation's connected LeadSquared integration, or an account given here. */
export const leadSyncDestinationSchema = z.discriminatedUnion("useIntegration", [
  z.object({ useIntegration: z.literal(true) }),
  leadSyncAccountSchema.extend({ useIntegration: z.literal(false) }),
]);

/** Create or edit a connector: the configuration plus both accounts. */
export const leadSyncConnectorInputSchema = z.object({
  config: leadSyncConfigSchema,
  destination: leadSyncDestinationSchema,
  source: leadSyncAccountSchema,
});
export type LeadSyncConnectorInput = z.infer<typeof leadSyncConnectorInputSchema>;

export const LOG_VIEWS = ["new", "updated", "failed"] as const;
export const JOB_STATUS_FILTERS = ["all", "success", "failure"] as const;
export const SYNC_STATUS_FILTERS = ["all", "error", "success"] as const;

/** The Logs screen's filters (seed 001, §8): date range, job status, sync status, and the New/Updated/Failed view. */
export const leadSyncLogFilterSchema = z.object({
  connectorId: z.string().optional(),
  range: z.enum(LOG_RANGES).default("last_7_days"),
  jobStatus: z.enum(JOB_STATUS_FILTERS).default("all"),
  syncStatus: z.enum(SYNC_STATUS_FILTERS).default("all"),
  view: z.enum(LOG_VIEWS).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().optional(),
});
export type LeadSyncLogFilter = z.infer<typeof leadSyncLogFilterSchema>;

/** Who besides admins may manage Lead Sync: by role, or by each member's own grant (Advanced, User Level). */
export const leadSyncAccessSchema = z.object({
  mode: z.enum(["role", "user"]),
  roles: z
    .array(z.enum(["admin", "member"]))
    .max(2)
    .default([]),
});
export type LeadSyncAccessInput = z.infer<typeof leadSyncAccessSchema>;
