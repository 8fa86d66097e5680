import { errorBody, type ErrorDetail } from "@/lib/http/errors";
import { smallJson } from "@/lib/http/small-json";
import { type DeliveryOutcome, countOutcomes, outcomeResults } from "@/lib/webhook/outcome";

/** HubSpot retries every failed delivery except these statuses (up to 10 times over about a day). */
export const HUBSPOT_NO_RETRY_STATUSES: readonly number[] = [400, 401, 403, 404, 405];

/**
 * Every event HubSpot sent is settled (scheduled, already known, rejected for its data or ignored), so the answer
 * is 200: a retry would not change the outcome.
 */
export function respondToHubSpot(outcome: DeliveryOutcome): Response {
  return smallJson(
    {
      deliveryId: outcome.deliveryId,
      received: outcome.leads.length,
      ...countOutcomes(outcome.leads),
      results: outcomeResults(outcome.leads),
    },
    { status: 200 },
  );
}

/**
 * A configuration error. Other 4xx statuses (413, 415, 422…) would make HubSpot retry a request that cannot
 * succeed, so they are answered as 400; 429 and 5xx keep their status because a retry may help.
 */
export function hubSpotConfigError(status: number, code: string, message: string, details?: ErrorDetail[]): Response {
  const answered = status >= 400 && status < 500 && status !== 429 && !HUBSPOT_NO_RETRY_STATUSES.includes(status) ? 400 : status;
  return smallJson({ error: errorBody(code, message, details) }, { status: answered });
}
