import { ZodError } from "zod";
import { errorSummary } from "@/lib/http/log-error";
import { smallJson } from "@/lib/http/small-json";

export type ErrorDetail = { field: string; message: string };

/** An error whose status, code and message are meant for the caller. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
    /** Set when the request was not read to its end, so its connection must not be reused. */
    readonly options: { closeConnection?: boolean } = {},
  ) {
    super(message);
  }
}

export function zodDetails(err: ZodError): ErrorDetail[] {
  return err.issues.map((i) => ({ field: i.path.join(".") || "body", message: i.message }));
}

/** The one error shape every answer carries under `error`; `details` only when there are some. */
export function errorBody(code: string, message: string, details?: ErrorDetail[]) {
  return details ? { code, message, details } : { code, message };
}

export function errorResponse(status: number, code: string, message: string, details?: ErrorDetail[]): Response {
  return smallJson({ error: errorBody(code, message, details) }, { status });
}

/**
 * How a surface words the errors it did not raise itself. The API names refused input `invalid_request` and its own
 * failures 500; the CRM webhook names refused URL parameters `invalid_parameter` and its own failures 503, because to
 * a CRM a 5xx means "send it again", which is right when Leadline could not store the delivery.
 */
export type ErrorDialect = {
  /** For the server log: what failed. */
  name: string;
  invalid: (details: ErrorDetail[]) => ApiError;
  /** A unique index refusing a write that nothing turned into an answer first; null leaves it unexpected. */
  conflict: ApiError | null;
  /** Our own failure, with the request id its log line carries when there is one. */
  unexpected: (requestId?: string) => ApiError;
};

export const API_ERRORS: ErrorDialect = {
  name: "unhandled error",
  invalid: (details) => new ApiError(400, "invalid_request", details.map((d) => `${d.field}: ${d.message}`).join("; "), details),
  conflict: new ApiError(409, "conflict", "A record with the same unique value already exists."),
  unexpected: (requestId) =>
    new ApiError(500, "internal", `Something went wrong on our side${requestId ? ` (request ${requestId})` : ""}. Please try again.`),
};

export const WEBHOOK_ERRORS: ErrorDialect = {
  name: "crm webhook failed",
  invalid: (details) => new ApiError(400, "invalid_parameter", details.map((d) => d.message).join(" "), details),
  conflict: null,
  unexpected: (requestId) =>
    new ApiError(
      503,
      "temporarily_unavailable",
      `Leadline could not store this delivery${requestId ? ` (request ${requestId})` : ""}; the CRM will retry.`,
    ),
};

/** A unique index refused a write: P2002 from Prisma's own queries, P2010 with the driver's kind from raw SQL. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: unknown } } } } | null;
  if (typeof e !== "object" || e === null) return false;
  return e.code === "P2002" || (e.code === "P2010" && e.meta?.driverAdapterError?.cause?.kind === "UniqueConstraintViolation");
}

/** A thrown value the caller is meant to hear about (their mistake, or a refusal we raised), or null for our own failure. */
export function knownApiError(err: unknown, dialect: ErrorDialect): ApiError | null {
  if (err instanceof ApiError) return err;
  if (err instanceof ZodError) return dialect.invalid(zodDetails(err));
  if (dialect.conflict && isUniqueViolation(err)) return dialect.conflict;
  return null;
}

/**
 * The one mapping from a thrown value to what the caller is told. Our own failures are logged under a fresh request
 * id (class, code and stack, never the message) and answered with that id and nothing else.
 */
export function toApiError(err: unknown, dialect: ErrorDialect): ApiError {
  const known = knownApiError(err, dialect);
  if (known) return known;
  const requestId = crypto.randomUUID();
  console.error(`[${requestId}] ${dialect.name}`, errorSummary(err));
  return dialect.unexpected(requestId);
}

/** The API's answer to anything a handler throws; only unknown errors become a 500. */
export function toErrorResponse(err: unknown): Response {
  const error = toApiError(err, API_ERRORS);
  return errorResponse(error.status, error.code, error.message, error.details);
}
