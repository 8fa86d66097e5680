import { z } from "zod";

export const CALL_WEBHOOK_EVENTS = ["each_attempt", "final_only"] as const;
export type CallWebhookEvents = (typeof CALL_WEBHOOK_EVENTS)[number];

const MAX_URL_LENGTH = 2000;

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host.endsWith(".localhost") || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * Why Leadline will not post to `raw`, or null when it will. https only, except a loopback address (a receiver on the
 * same machine, and the tests); private addresses are allowed, since an on-premise Leadline may post to an internal
 * service. Credentials in the URL are refused: they would show in every log line that prints it.
 */
export function webhookUrlProblem(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Enter a full URL, e.g. https://example.com/leadline/calls.";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "Use an https:// URL.";
  if (url.protocol === "http:" && !isLoopback(url.hostname)) {
    return "Use https://: plain http is allowed only for localhost, where nothing crosses a network.";
  }
  if (url.username || url.password) {
    return "Remove the user name and password from the URL; check the signature (webhook-signature) to trust a post instead.";
  }
  if (url.hash) return "Remove the #fragment: it is never sent to the server.";
  return null;
}

export const webhookUrlSchema = z
  .string()
  .trim()
  .min(1, "Enter the URL Leadline should post to.")
  .max(MAX_URL_LENGTH, `Keep the URL under ${MAX_URL_LENGTH} characters.`)
  .superRefine((value, ctx) => {
    const problem = webhookUrlProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const callWebhookSettingsSchema = z.object({
  url: webhookUrlSchema,
  events: z.enum(CALL_WEBHOOK_EVENTS, { message: "Choose after each attempt or the final outcome only." }),
  enabled: z.boolean({ message: "Say whether the webhook is on (true) or off (false)." }),
});
export type CallWebhookSettingsInput = z.input<typeof callWebhookSettingsSchema>;
export type CallWebhookSettings = z.output<typeof callWebhookSettingsSchema>;

/** Whose endpoint a route addresses: the organisation's ("org") or one agent's (its agt_ id). */
export const callWebhookScopeSchema = z
  .string()
  .regex(/^(org|agt_[a-z0-9]+)$/, "Address the organisation's webhook as org, or an agent's by its id (agt_…).");

export const CALL_WEBHOOK_DELIVERY_STATUSES = ["pending", "running", "written", "failed", "cancelled"] as const;

export const callWebhookDeliveryFilterSchema = z.object({
  status: z.enum(CALL_WEBHOOK_DELIVERY_STATUSES, { message: "Filter by pending, running, written, failed or cancelled." }).optional(),
  scope: callWebhookScopeSchema.optional(),
});
export type CallWebhookDeliveryFilter = z.infer<typeof callWebhookDeliveryFilterSchema>;
