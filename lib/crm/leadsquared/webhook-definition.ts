import { eventByCode } from "./webhook-events";
import { API_KEY_HEADER, opportunityCodes, type LeadSquaredWebhookValues } from "./webhook-schema";

/** The body of Webhook.svc/Create (and Update, plus WebhookId), in LeadSquared's field names (seed 004). */
export type WebhookBody = {
  Description: string;
  URL: string;
  Method: "POST";
  ContentType: string;
  WebhookEvent: string;
  LandingPageUrls?: string[];
  IsSpecificLandingPage: boolean;
  NotifyOnFailure: boolean;
  /** A string holding JSON: the document's examples escape the quotes inside it (`{\"OpportunityEvents\":…}`). */
  WebhookProperties: string | null;
  CustomHeaders: { Key: string; Value: string }[];
};

const KEY_PARAM = "x_api_key";
// LeadSquared appends these to every post (seed 002); they are not part of the URL that was registered.
const APPENDED = new Set(["entitytype", "entityid", "eventtype"]);

/** The URL without the API key: what Leadline stores and shows, and what two registrations are compared by. */
export function urlWithoutSecrets(url: string): string {
  const parsed = new URL(url);
  for (const name of [...parsed.searchParams.keys()]) if (name.toLowerCase() === KEY_PARAM) parsed.searchParams.delete(name);
  return parsed.toString();
}

/** Same webhook target: same address and parameters, whatever their order, the key, or LeadSquared's own additions. */
export function sameWebhookUrl(a: string, b: string): boolean {
  const canonical = (url: string) => {
    try {
      const parsed = new URL(urlWithoutSecrets(url));
      const params = [...parsed.searchParams].filter(([k]) => !APPENDED.has(k.toLowerCase())).sort(([x], [y]) => (x < y ? -1 : 1));
      return `${parsed.origin}${parsed.pathname.replace(/\/+$/, "")}?${new URLSearchParams(params).toString()}`;
    } catch {
      return url.trim();
    }
  };
  return canonical(a) === canonical(b);
}

/**
 * Where LeadSquared should post: the builder's URL with the key taken out (it rides in X-API-KEY, so it never shows
 * in LeadSquared's webhook list) and `events=` set to the registered event, so that event is the one that calls.
 */
export function registrationTarget(builtUrl: string, eventCode: string): { url: string; apiKey: string | null } {
  const parsed = new URL(builtUrl);
  const apiKey = [...parsed.searchParams].find(([k]) => k.toLowerCase() === KEY_PARAM)?.[1] ?? null;
  const slug = eventByCode(eventCode)?.slug;
  const url = new URL(urlWithoutSecrets(builtUrl));
  if (slug) url.searchParams.set("events", slug);
  return { url: url.toString(), apiKey };
}

/** WebhookProperties for the chosen event, following the document's four examples; null when the event takes none. */
export function webhookProperties(v: LeadSquaredWebhookValues): Record<string, unknown> | null {
  const kind = eventByCode(v.event)?.properties;
  if (kind === "activity")
    return { ActivityEvent: v.activityEvent, ActivityData: v.activityData || "[]", WebPageNames: v.webPageNames || "[]" };
  if (!kind?.startsWith("opportunity")) return null;
  const base = { OpportunityEvents: opportunityCodes(v.opportunityEvents) };
  if (kind === "opportunity_field") return { ...base, ChangedOpportunityField: v.changedOpportunityField, IsAsyncEnable: v.isAsyncEnable };
  if (kind === "opportunity_stage") {
    const moves = { StatusFrom: v.statusFrom, StatusTo: v.statusTo, StageFrom: v.stageFrom, StageTo: v.stageTo };
    return { ...base, ...Object.fromEntries(Object.entries(moves).filter(([, value]) => value)), IsAsyncEnable: v.isAsyncEnable };
  }
  return { ...base, IsAsyncEnable: v.isAsyncEnable };
}

/** The Create/Update body: the admin's choices, the URL without its key, and the key as X-API-KEY. */
export function webhookBody(v: LeadSquaredWebhookValues, target: { url: string; apiKey: string | null }): WebhookBody {
  const landing = eventByCode(v.event)?.properties === "landing_page";
  const properties = webhookProperties(v);
  const headers = [
    ...(target.apiKey ? [{ Key: API_KEY_HEADER, Value: target.apiKey }] : []),
    ...v.customHeaders.map((h) => ({ Key: h.key, Value: h.value })),
  ];
  return {
    Description: v.description,
    URL: target.url,
    Method: "POST",
    ContentType: v.contentType,
    WebhookEvent: v.event,
    ...(landing ? { LandingPageUrls: v.landingPageUrls } : {}),
    IsSpecificLandingPage: landing && v.landingPageUrls.length > 0,
    NotifyOnFailure: v.notifyOnFailure,
    WebhookProperties: properties ? JSON.stringify(properties) : null,
    CustomHeaders: headers,
  };
}
