import { CrmError } from "@/lib/http/fetch-json";

/** Trouble that may pass (429, 5xx, a timeout): the row is tried again after its backoff, or after `retryAfterMs`. */
export class WriteRetry extends Error {
  override readonly name = "WriteRetry";
  readonly retryAfterMs?: number;
  readonly response?: unknown;
  constructor(message: string, details: { retryAfterMs?: number; response?: unknown } = {}) {
    super(message);
    this.retryAfterMs = details.retryAfterMs;
    this.response = details.response;
  }
}

/** A refusal that trying again cannot change (400, 401, 404): the row ends as failed with the reason. */
export class WriteRefused extends Error {
  override readonly name = "WriteRefused";
  readonly response?: unknown;
  constructor(message: string, details: { response?: unknown } = {}) {
    super(message);
    this.response = details.response;
  }
}

export type Verdict = { retry: boolean; message: string; retryAfterMs?: number; response?: unknown };

/**
 * How a handler's throw is judged. A CrmError from the CRM clients is judged by its own `transient` flag (429
 * including LeadSquared's 200 + MXAPIRateLimitExceededException, 5xx, timeouts retry; 400/401/404 refuse); anything
 * else unknown is retried, so a bug costs tries, not data.
 */
export function judge(err: unknown): Verdict {
  if (err instanceof WriteRefused) return { retry: false, message: err.message, response: err.response };
  if (err instanceof WriteRetry) return { retry: true, message: err.message, retryAfterMs: err.retryAfterMs, response: err.response };
  if (err instanceof CrmError) {
    const response = { status: err.status ?? null, kind: err.kind, vendorCode: err.vendorCode ?? null };
    return { retry: err.transient, message: err.message, retryAfterMs: err.retryAfterMs, response };
  }
  return { retry: true, message: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
}
