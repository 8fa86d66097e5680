import type { CrmErrorKind } from "@/lib/http/fetch-json";
import { ApiError } from "@/lib/http/errors";

/** Where the dashboard shows a failure: beside the form, or on the LeadSquared integration (keys, host). */
export type FailurePlace = "form" | "integration" | "retry";

/**
 * LeadSquared's documented answers (400, 401, 404, 429, 500, seed 004) as the one API error shape. The code says what
 * went wrong and `details[0].field` where to fix it: "integration" for keys and host, "form" for the request itself.
 */
export function leadSquaredFailure(err: { kind: CrmErrorKind; status?: number; message: string }): ApiError {
  const at = (place: FailurePlace) => [{ field: place, message: err.message }];
  if (err.kind === "rejected") return new ApiError(422, "leadsquared_rejected", err.message, at("form"));
  if (err.kind === "unauthorized") {
    const message = `${err.message} Update the keys under Integrations → LeadSquared.`;
    return new ApiError(502, "leadsquared_keys_rejected", message, [{ field: "integration", message }]);
  }
  if (err.kind === "rate_limited") {
    const message = "LeadSquared is still rate limiting this account after Leadline waited and tried again. Try again in a minute.";
    return new ApiError(503, "leadsquared_rate_limited", message, [{ field: "retry", message }]);
  }
  if (err.status === 404 || (err.kind === "bad_response" && (err.status === undefined || err.status < 500))) {
    return new ApiError(502, "leadsquared_host", `${err.message} (Integrations → LeadSquared).`, at("integration"));
  }
  if (err.kind === "unreachable" || err.kind === "timeout") return new ApiError(502, "leadsquared_unreachable", err.message, at("retry"));
  return new ApiError(502, "leadsquared_error", err.message, at("retry"));
}
