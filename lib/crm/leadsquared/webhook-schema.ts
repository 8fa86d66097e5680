import { z } from "zod";
import { DEFAULT_CALL_EVENTS, eventByCode, eventBySlug, LEADSQUARED_EVENT_CODES, type LeadSquaredEventSlug } from "./webhook-events";

/** The Create Webhook API's three body formats (seed 004). */
export const WEBHOOK_CONTENT_TYPES = ["application/json", "application/x-www-form-urlencoded", "text/plain"] as const;
/** "You can add up to 10 custom headers" (seed 004); Leadline's X-API-KEY is one of them. */
export const MAX_WEBHOOK_HEADERS = 10;
export const API_KEY_HEADER = "X-API-KEY";

/**
 * The webhook URL's `events=` parameter: which LeadSquared events place a call, comma-separated slugs
 * (e.g. `lead_create,lead_update`). Absent or empty: DEFAULT_CALL_EVENTS. Used by the webhook and the registration form.
 */
export const callEventsParamSchema = z
  .string()
  .optional()
  .transform((text, ctx): LeadSquaredEventSlug[] => {
    const parts = (text ?? "")
      .split(",")
      .map((p) => p.trim().toLowerCase())
      .filter(Boolean);
    if (!parts.length) return [...DEFAULT_CALL_EVENTS];
    const unknown = parts.filter((p) => !eventBySlug(p));
    if (unknown.length) {
      ctx.addIssue({
        code: "custom",
        path: ["events"],
        message: `events: ${unknown.map((u) => `"${u}"`).join(", ")} is not a LeadSquared event; use names such as lead_create or lead_update.`,
      });
      return z.NEVER;
    }
    return [...new Set(parts)] as LeadSquaredEventSlug[];
  });

const headerSchema = z.object({
  key: z
    .string()
    .trim()
    .min(1, "Name the header.")
    .regex(/^[A-Za-z0-9-]+$/, "A header name is letters, digits and dashes."),
  value: z.string().trim().min(1, "Give the header a value.").max(500, "At most 500 characters."),
});

const jsonArrayText = z
  .string()
  .trim()
  .refine((text) => {
    try {
      return Array.isArray(JSON.parse(text || "[]"));
    } catch {
      return false;
    }
  }, 'Write a JSON array, e.g. [] or ["Contact Us"].');

/**
 * Create in LeadSquared: every field of the Create Webhook API (seed 004). One schema for the form, the route and the
 * tests. `url` is the builder's URL; a key in it is moved to an X-API-KEY header before LeadSquared sees it.
 */
export const leadSquaredWebhookSchema = z
  .object({
    url: z.url({ error: "Build the webhook URL first." }),
    /** The key when the builder put it in a header rather than the URL. */
    apiKey: z.string().trim().optional(),
    description: z.string().trim().min(1, "Describe the webhook, e.g. “Leadline – new leads”.").max(200, "At most 200 characters."),
    event: z.enum(LEADSQUARED_EVENT_CODES, { error: "Choose the event that triggers the webhook." }),
    contentType: z.enum(WEBHOOK_CONTENT_TYPES, { error: "Choose one of LeadSquared's three formats." }),
    notifyOnFailure: z.boolean(),
    landingPageUrls: z.array(z.url({ error: "Enter the landing page's full address (https://…)." })),
    activityEvent: z.string().trim(),
    activityData: jsonArrayText,
    webPageNames: jsonArrayText,
    opportunityEvents: z.string().trim(),
    isAsyncEnable: z.boolean(),
    changedOpportunityField: z.string().trim(),
    statusFrom: z.string().trim(),
    statusTo: z.string().trim(),
    stageFrom: z.string().trim(),
    stageTo: z.string().trim(),
    customHeaders: z.array(headerSchema),
  })
  .superRefine((v, ctx) => {
    const kind = eventByCode(v.event)?.properties;
    if (kind === "landing_page" && !v.landingPageUrls.length) {
      ctx.addIssue({
        code: "custom",
        path: ["landingPageUrls"],
        message: "LeadSquared needs at least one landing page URL for this event.",
      });
    }
    if (kind === "activity" && !/^\d+$/.test(v.activityEvent)) {
      ctx.addIssue({ code: "custom", path: ["activityEvent"], message: "Enter the activity type's code (a number, e.g. 247)." });
    }
    if (kind?.startsWith("opportunity") && !opportunityCodes(v.opportunityEvents).length) {
      ctx.addIssue({
        code: "custom",
        path: ["opportunityEvents"],
        message: "Enter the opportunity type codes, e.g. 12002 (comma-separated).",
      });
    } else if (kind?.startsWith("opportunity") && opportunityCodes(v.opportunityEvents).some((c) => !/^\d+$/.test(c))) {
      ctx.addIssue({ code: "custom", path: ["opportunityEvents"], message: "Opportunity type codes are numbers, e.g. 12002." });
    }
    if (kind === "opportunity_field" && !v.changedOpportunityField) {
      ctx.addIssue({ code: "custom", path: ["changedOpportunityField"], message: "Enter the field's schema name, e.g. mx_Custom_10." });
    }
    const names = v.customHeaders.map((h) => h.key.toLowerCase());
    if (names.includes(API_KEY_HEADER.toLowerCase())) {
      ctx.addIssue({ code: "custom", path: ["customHeaders"], message: "Leadline adds the X-API-KEY header itself; remove it here." });
    }
    if (v.customHeaders.length > MAX_WEBHOOK_HEADERS - 1) {
      ctx.addIssue({
        code: "custom",
        path: ["customHeaders"],
        message: `LeadSquared allows ${MAX_WEBHOOK_HEADERS} custom headers and Leadline's X-API-KEY is one: add at most ${MAX_WEBHOOK_HEADERS - 1}.`,
      });
    }
    if (new Set(names).size !== names.length) {
      ctx.addIssue({ code: "custom", path: ["customHeaders"], message: "Each header name may appear once." });
    }
  });

export type LeadSquaredWebhookInput = z.input<typeof leadSquaredWebhookSchema>;
export type LeadSquaredWebhookValues = z.output<typeof leadSquaredWebhookSchema>;

export function opportunityCodes(text: string): string[] {
  return text
    .split(",")
    .map((c) => c.trim())
    .filter(Boolean);
}

/** The form's starting values: a lead-create webhook posting JSON, as the webhook reads best. */
export const DEFAULT_WEBHOOK_VALUES: Omit<LeadSquaredWebhookInput, "url"> = {
  description: "Leadline – new leads",
  event: "3",
  contentType: "application/json",
  notifyOnFailure: true,
  landingPageUrls: [],
  activityEvent: "",
  activityData: "[]",
  webPageNames: "[]",
  opportunityEvents: "",
  isAsyncEnable: false,
  changedOpportunityField: "",
  statusFrom: "",
  statusTo: "",
  stageFrom: "",
  stageTo: "",
  customHeaders: [],
};
