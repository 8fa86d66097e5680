import { ApiError } from "@/lib/http/errors";

/** Parses a JSON request body, answering 400/415 for what the caller sent wrong. */
export async function readJson(req: Request): Promise<unknown> {
  // The exact media type: a form or text/plain post (no CORS preflight) must not pass as JSON by naming it in a parameter.
  const mediaType = (req.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (mediaType !== "application/json") {
    throw new ApiError(415, "unsupported_media_type", "Send the body as JSON with the header Content-Type: application/json.");
  }
  const text = await req.text();
  if (!text.trim()) throw new ApiError(400, "invalid_json", "The request body is empty; send a JSON object.");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, "invalid_json", "The request body is not valid JSON.");
  }
}

export const MAX_BODY_BYTES = 1024 * 1024;

/** The body as text, read once and capped: anything larger is refused with 413 before it is buffered whole. */
export async function readRawBody(req: Request, maxBytes = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? NaN);
  const tooLarge = (closeConnection = false) =>
    new ApiError(
      413,
      "body_too_large",
      `The body is larger than ${Math.round(maxBytes / 1024)} KB. Send fewer leads per request.`,
      undefined,
      {
        closeConnection,
      },
    );
  if (declared > maxBytes) throw tooLarge();
  if (!req.body) return "";
  // The HTTP parser holds a body to its declared length, so only a chunked body needs counting as it arrives.
  if (Number.isInteger(declared)) return req.text();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await drain(reader);
      throw tooLarge(true);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

// Cancelling a chunked upload resets the socket before the 413 is written, and leaving it unread kept the keep-alive
// connection hanging; so the rest is read and dropped, for a bounded time and size, and the answer closes the connection.
const DRAIN_BYTES = 8 * MAX_BODY_BYTES;
const DRAIN_MS = 2_000;

async function drain(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  const until = Date.now() + DRAIN_MS;
  let drained = 0;
  while (drained < DRAIN_BYTES && Date.now() < until) {
    const { done, value } = await reader.read();
    if (done) return;
    drained += value.byteLength;
  }
  reader.releaseLock();
}
