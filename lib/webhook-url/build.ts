import { scheduleQueryOf, type WebhookUrlForm } from "./schema";

export const WEBHOOK_PATH = "/api/call/crm-webhook";
export const API_KEY_HEADER = "X-API-KEY";

export type BuiltWebhookUrl = {
  url: string;
  /** Headers the CRM must send; the key goes here in header mode. */
  headers: { name: string; value: string }[];
};

// ":" "," and "/" are legal in a query and keep 09:00, 2,4,6 and Asia/Kolkata readable, as CRM admins copy them.
function encode(value: string): string {
  return encodeURIComponent(value).replace(/%3A/gi, ":").replace(/%2C/gi, ",").replace(/%2F/gi, "/");
}

/** The URL to paste into the CRM: agent, CRM type, the key (unless it rides in a header) and the schedule. */
export function buildWebhookUrl(input: { origin: string; agentId: string; values: WebhookUrlForm }): BuiltWebhookUrl {
  const { values } = input;
  const apiKey = values.apiKey.trim();
  const params: [string, string][] = [
    ["agent_id", input.agentId],
    ["type", values.crm],
    ...(values.keyMode === "query" ? ([["x_api_key", apiKey]] as [string, string][]) : []),
    ...Object.entries(scheduleQueryOf(values)),
  ];
  const query = params.map(([k, v]) => `${k}=${encode(v)}`).join("&");
  const origin = new URL(input.origin).origin;
  return {
    url: `${origin}${WEBHOOK_PATH}?${query}`,
    headers: values.keyMode === "header" ? [{ name: API_KEY_HEADER, value: apiKey }] : [],
  };
}
