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

export function errorResponse(status: number, code: string, message: string, details?: ErrorDetail[]): Response {
  return smallJson({ error: details ? { code, message, details } : { code, message } }, { status });
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === "P2002";
}

/** The one mapping from a thrown value to an HTTP answer; only unknown errors become a 500. */
export function toErrorResponse(err: unknown): Response {
  if (err instanceof ApiError) return errorResponse(err.status, err.code, err.message, err.details);
  if (err instanceof ZodError) {
    const details = zodDetails(err);
    return errorResponse(400, "invalid_request", details.map((d) => `${d.field}: ${d.message}`).join("; "), details);
  }
  if (isUniqueViolation(err)) return errorResponse(409, "conflict", "A record with the same unique value already exists.");
  const requestId = crypto.randomUUID();
  console.error(`[${requestId}] unhandled error`, errorSummary(err));
  return errorResponse(500, "internal", `Something went wrong on our side (request ${requestId}). Please try again.`);
}
