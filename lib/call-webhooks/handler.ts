import "server-only";
import { queuedCallWebhookSchema } from "@/lib/call-webhooks/enqueue";
import { postCallWebhook } from "@/lib/call-webhooks/post";
import { disableEndpoint, endpointForPost } from "@/lib/call-webhooks/queries";
import { WriteRefused, WriteRetry } from "@/lib/crm-writes/errors";
import type { WriteHandler } from "@/lib/crm-writes/types";

/**
 * Sends one queued call-ended event to its endpoint's current URL with its current secret (so fixing either and
 * replaying works). 2xx written; 408/429/5xx, timeouts and network errors retried by the pipeline's backoff; 410 turns
 * the endpoint off; any other answer fails the delivery. The row keeps what the receiver answered.
 */
export function callEndedWebhookHandler(options: { timeoutMs?: number } = {}): WriteHandler {
  return async (write, ctx) => {
    const queued = queuedCallWebhookSchema.parse(write.payload);
    const endpoint = await endpointForPost(write.orgId, queued.endpointId);
    if (!endpoint) throw new WriteRefused("The webhook was removed, so nothing was sent.");
    if (!endpoint.enabled) {
      throw new WriteRefused(endpoint.disabledReason ?? "The webhook is switched off, so nothing was sent; switch it on, then replay.");
    }
    const { verdict, record } = await postCallWebhook({
      url: endpoint.url,
      eventId: queued.eventId,
      body: queued.body,
      secret: endpoint.secret,
      now: ctx.now,
      timeoutMs: options.timeoutMs,
    });
    switch (verdict.kind) {
      case "delivered":
        return { response: record };
      case "retry":
        throw new WriteRetry(verdict.reason, { retryAfterMs: verdict.retryAfterMs, response: record });
      case "gone":
        await disableEndpoint(write.orgId, endpoint.id, verdict.reason);
        throw new WriteRefused(verdict.reason, { response: record });
      case "refused":
        throw new WriteRefused(verdict.reason, { response: record });
    }
  };
}
