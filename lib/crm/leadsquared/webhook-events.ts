/**
 * Every event the Create Webhook API lists (seed 004, api-facts §1.5.7). Create takes the number; Retrieve and the
 * `eventType` LeadSquared appends to the URL use the name. `slug` is Leadline's own spelling for the `events=` URL
 * parameter; `properties` says which WebhookProperties the event needs.
 */
export const LEADSQUARED_EVENTS = [
  {
    code: "1",
    slug: "landing_page_submission",
    name: "Landing_Page_submission",
    label: "Landing page submission",
    properties: "landing_page",
  },
  { code: "2", slug: "lead_activity_create", name: "LeadActivity_Post_Create", label: "Lead activity create", properties: "activity" },
  { code: "3", slug: "lead_create", name: "Lead_Post_Create", label: "Lead create", properties: "none" },
  { code: "4", slug: "lead_owner_change", name: "Lead_Owner_Change", label: "Lead owner change", properties: "none" },
  { code: "5", slug: "lead_stage_change", name: "Lead_Post_Stage_Change", label: "Lead stage change", properties: "none" },
  { code: "6", slug: "lead_update", name: "Lead_Post_Update", label: "Lead update", properties: "none" },
  { code: "7", slug: "task_create", name: "Task_Create", label: "Task create", properties: "none" },
  { code: "8", slug: "task_reminder", name: "Task_Reminder", label: "Task reminder", properties: "none" },
  { code: "9", slug: "lead_score_change", name: "Lead_Score_Change", label: "Lead score change", properties: "none" },
  { code: "15", slug: "lead_activity_update", name: "LeadActivity_Post_Update", label: "Lead activity update", properties: "activity" },
  { code: "16", slug: "task_complete", name: "Task_Complete", label: "Tasks complete", properties: "none" },
  { code: "17", slug: "task_update", name: "Task_Update", label: "Task update", properties: "none" },
  { code: "26", slug: "lead_field_update", name: "Lead_Field_Change", label: "Lead field update", properties: "none" },
  { code: "31", slug: "opportunity_create", name: "Opportunity_Post_Create", label: "Opportunity create", properties: "opportunity" },
  { code: "32", slug: "opportunity_update", name: "Opportunity_Post_Update", label: "Opportunity update", properties: "opportunity" },
  {
    code: "33",
    slug: "opportunity_field_update",
    name: "OpportunityField_Post_Update",
    label: "Opportunity field update",
    properties: "opportunity_field",
  },
  {
    code: "34",
    slug: "opportunity_stage_update",
    name: "OpportunityStage_Post_Update",
    label: "Opportunity stage update",
    properties: "opportunity_stage",
  },
  { code: "35", slug: "opportunity_delete", name: "Opportunity_Post_Delete", label: "Opportunity delete", properties: "opportunity" },
] as const;

export type LeadSquaredEvent = (typeof LEADSQUARED_EVENTS)[number];
export type LeadSquaredEventSlug = LeadSquaredEvent["slug"];
export type LeadSquaredEventCode = LeadSquaredEvent["code"];

export const LEADSQUARED_EVENT_SLUGS = LEADSQUARED_EVENTS.map((e) => e.slug) as [LeadSquaredEventSlug, ...LeadSquaredEventSlug[]];
export const LEADSQUARED_EVENT_CODES = LEADSQUARED_EVENTS.map((e) => e.code) as [LeadSquaredEventCode, ...LeadSquaredEventCode[]];

/** Without an `events=` parameter, only a new lead places a call. */
export const DEFAULT_CALL_EVENTS: readonly LeadSquaredEventSlug[] = ["lead_create"];

export function eventByCode(code: string): LeadSquaredEvent | undefined {
  return LEADSQUARED_EVENTS.find((e) => e.code === code);
}

export function eventBySlug(slug: string): LeadSquaredEvent | undefined {
  return LEADSQUARED_EVENTS.find((e) => e.slug === slug);
}

/** LeadSquared's event names vary in case between its pages, so names are compared ignoring case. */
export function eventByName(name: string): LeadSquaredEvent | undefined {
  const lower = name.toLowerCase();
  return LEADSQUARED_EVENTS.find((e) => e.name.toLowerCase() === lower);
}
