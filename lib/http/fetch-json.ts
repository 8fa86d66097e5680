import "server-only";

export type CrmErrorKind = "unauthorized" | "rate_limited" | "unreachable" | "timeout" | "not_found" | "bad_response" | "rejected";

/**
 * A failed call to a CRM, with a message the dashboard can show as is. Messages never contain credentials.
 * `transient` says whether the same call may succeed later (the durable workflow retries those).
 */
export class CrmError extends Error {
  override readonly name = "CrmError";
  readonly status?: number;
  readonly retryAfterMs?: number;
  /** The vendor's own code, e.g. "MXAPIRateLimitExceededException" or "EXPIRED_AUTHENTICATION". */
  readonly vendorCode?: string;

  constructor(
    readonly kind: CrmErrorKind,
    message: string,
    details: { status?: number; retryAfterMs?: number; vendorCode?: string } = {},
  ) {
    super(message);
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
    this.vendorCode = details.vendorCode;
  }

  get transient(): boolean {
    if (this.kind === "rate_limited" || this.kind === "unreachable" || this.kind === "timeout") return true;
    return this.status !== undefined && this.status >= 500;
  }
}

export type JsonResponse = { status: number; headers: Headers; text: string; json: unknown };

export type JsonRequest = {
  method: "GET" | "POST" | "PATCH";
  headers?: Record<string, string>;
  body?: unknown;
  timeoutMs: number;
  /** Names the vendor in messages, e.g. "LeadSquared". */
  service: string;
};

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: "the connection was refused",
  ENOTFOUND: "no such host exists",
  EAI_AGAIN: "the host name could not be resolved",
  ECONNRESET: "the connection was dropped",
  EHOSTUNREACH: "the host is unreachable",
  ETIMEDOUT: "the connection timed out",
  CERT_HAS_EXPIRED: "its TLS certificate has expired",
  DEPTH_ZERO_SELF_SIGNED_CERT: "its TLS certificate is self-signed",
  ERR_TLS_CERT_ALTNAME_INVALID: "its TLS certificate is for another host",
};

function networkCode(err: unknown): string | undefined {
  const cause = (err as { cause?: { code?: unknown } } | null)?.cause;
  return typeof cause?.code === "string" ? cause.code : undefined;
}

function isTimeout(err: unknown): boolean {
  const name = (err as { name?: unknown } | null)?.name;
  return name === "TimeoutError" || name === "AbortError";
}

/**
 * One HTTP exchange with a JSON API. Never follows redirects (a redirect would carry query-string credentials to
 * another host). Transport failures become CrmError "timeout" / "unreachable"; any HTTP status is returned, with the
 * body parsed as JSON when it is JSON (`json` is undefined otherwise). Error messages name the host, never the URL.
 */
export async function fetchJson(url: URL, req: JsonRequest): Promise<JsonResponse> {
  const headers: Record<string, string> = { accept: "application/json", ...req.headers };
  if (req.body !== undefined) headers["content-type"] = "application/json";
  try {
    const res = await fetch(url, {
      method: req.method,
      headers,
      body: req.body === undefined ? undefined : JSON.stringify(req.body),
      redirect: "manual",
      signal: AbortSignal.timeout(req.timeoutMs),
    });
    const text = await res.text();
    return { status: res.status, headers: res.headers, text, json: parseJson(text) };
  } catch (err) {
    throw transportError(err, url, req);
  }
}

/** A fetch that threw (no HTTP answer) as a CrmError "timeout" or "unreachable" naming the host, never the URL. */
export function transportError(err: unknown, url: URL, req: Pick<JsonRequest, "service" | "timeoutMs">): CrmError {
  if (isTimeout(err)) {
    return new CrmError(
      "timeout",
      `${req.service} at ${url.host} did not answer within ${formatSeconds(req.timeoutMs)}. Try again in a minute.`,
    );
  }
  const code = networkCode(err);
  const reason = (code && NETWORK_REASONS[code]) ?? "the network request failed";
  return new CrmError("unreachable", `Could not reach ${req.service} at ${url.host}: ${reason}. Check the address and try again.`);
}

function parseJson(text: string): unknown {
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function formatSeconds(ms: number): string {
  const s = Math.round(ms / 10) / 100;
  return s === 1 ? "1 second" : `${s} seconds`;
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const value = headers.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
