// The LeadSquared fake's webhook management (Webhook.svc/Create and Update): the documented rules, kept apart from
// the server so each file stays readable.
import { randomUUID } from "node:crypto";
import { isObject, parseBody } from "./http";

export type FakeWebhook = {
  WebhookId: string;
  Description: string;
  URL: string;
  Method: string;
  ContentType: string;
  WebhookEvent: string;
  StatusCode: number;
  NotifyOnFailure: boolean;
  IsSpecificLandingPage: boolean;
  LandingPageUrls: string[];
  WebhookProperties: string | null;
  CustomHeaders: { Key: string; Value: string }[];
};
// Create takes numbers, Retrieve answers names (§1.5.7); this pairs the two documented lists.
const EVENT_NAMES: Record<string, string> = {
  "1": "Landing_Page_submission",
  "2": "LeadActivity_Post_Create",
  "3": "Lead_Post_Create",
  "4": "Lead_Owner_Change",
  "5": "Lead_Post_Stage_Change",
  "6": "Lead_Post_Update",
  "7": "Task_Create",
  "8": "Task_Reminder",
  "9": "Lead_Score_Change",
  "15": "LeadActivity_Post_Update",
  "16": "Task_Complete",
  "17": "Task_Update",
  "26": "Lead_Field_Change",
  "31": "Opportunity_Post_Create",
  "32": "Opportunity_Post_Update",
  "33": "OpportunityField_Post_Update",
  "34": "OpportunityStage_Post_Update",
  "35": "Opportunity_Post_Delete",
};
const CONTENT_TYPES = ["application/json", "application/x-www-form-urlencoded", "text/plain"];

export type Answer = { status: number; body?: unknown; html?: string };

export const lsqError = (status: number, type: string, message: string): Answer => ({
  status,
  body: { Status: "Error", ExceptionType: type, ExceptionMessage: message },
});

// The Create API's rules from seed 004: known event, POST, one of three formats, ≤ 10 headers, landing pages for
// event 1, and WebhookProperties as a string holding JSON (the document escapes its quotes).
export function validWebhook(body: unknown): FakeWebhook | Answer {
  if (!isObject(body)) return lsqError(400, "MXInvalidInputException", "The request body is not a JSON object");
  const event = String(body.WebhookEvent ?? "");
  const headers = Array.isArray(body.CustomHeaders) ? body.CustomHeaders : [];
  const landing = Array.isArray(body.LandingPageUrls) ? body.LandingPageUrls.map(String) : [];
  if (typeof body.URL !== "string" || !/^https?:\/\//.test(body.URL))
    return lsqError(400, "MXMandatoryAttributeMissingException", "'URL' is mandatory");
  if (!EVENT_NAMES[event]) return lsqError(400, "MXInvalidInputException", `'${event}' is not a valid WebhookEvent`);
  if (body.Method !== "POST") return lsqError(400, "MXInvalidInputException", "'Method' must be POST");
  if (!CONTENT_TYPES.includes(String(body.ContentType))) return lsqError(400, "MXInvalidInputException", "'ContentType' is not supported");
  if (headers.length > 10) return lsqError(400, "MXInvalidInputException", "At most 10 custom headers are allowed");
  if (event === "1" && !landing.length)
    return lsqError(400, "MXMandatoryAttributeMissingException", "'LandingPageUrls' is mandatory for landing page submission");
  if (landing.length && body.IsSpecificLandingPage !== true)
    return lsqError(400, "MXInvalidInputException", "'IsSpecificLandingPage' must be true when LandingPageUrls are given");
  const properties = body.WebhookProperties ?? null;
  if (properties !== null && (typeof properties !== "string" || !isObject(parseBody(properties))))
    return lsqError(400, "MXInvalidInputException", "'WebhookProperties' is not valid JSON");
  return {
    WebhookId: randomUUID(),
    Description: String(body.Description ?? ""),
    URL: body.URL,
    Method: "POST",
    ContentType: String(body.ContentType),
    WebhookEvent: EVENT_NAMES[event]!,
    StatusCode: 0,
    NotifyOnFailure: body.NotifyOnFailure === true,
    IsSpecificLandingPage: body.IsSpecificLandingPage === true,
    LandingPageUrls: landing,
    WebhookProperties: properties,
    CustomHeaders: headers.filter(isObject).map((h) => ({ Key: String(h.Key), Value: String(h.Value) })),
  };
}

/** One post the account made to a registered webhook, with the status its URL answered (null: no answer). */
export type WebhookDelivery = { webhookId: string; url: string; eventType: string; status: number | null; error?: string };

// How LeadSquared posts a lead event to a registered webhook: the registered Method and ContentType, the custom
// headers, and entityType/entityId/eventType added to the URL (§1.6). The JSON body is the flat lead
// object; the form and text/plain encodings are undocumented, so the fake sends key=value pairs and JSON text.
export async function deliverToWebhook(webhook: FakeWebhook, lead: Record<string, string | null>): Promise<WebhookDelivery> {
  const url = new URL(webhook.URL);
  url.searchParams.set("entityType", "webhook");
  url.searchParams.set("entityId", webhook.WebhookId);
  url.searchParams.set("eventType", webhook.WebhookEvent);
  const body =
    webhook.ContentType === "application/x-www-form-urlencoded"
      ? new URLSearchParams(Object.entries(lead).map(([k, v]) => [k, v ?? ""])).toString()
      : JSON.stringify(lead);
  const headers: Record<string, string> = { "content-type": webhook.ContentType };
  for (const h of webhook.CustomHeaders) headers[h.Key] = h.Value;
  const delivery: WebhookDelivery = { webhookId: webhook.WebhookId, url: url.toString(), eventType: webhook.WebhookEvent, status: null };
  try {
    const res = await fetch(url, { method: webhook.Method, headers, body, signal: AbortSignal.timeout(30_000) });
    await res.arrayBuffer();
    delivery.status = res.status;
  } catch (e) {
    delivery.error = e instanceof Error ? e.message : String(e);
  }
  return delivery;
}
