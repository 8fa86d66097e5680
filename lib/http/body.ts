import { ApiError } from "@/lib/http/errors";

/** Parses a JSON request body, answering 400/415 for what the caller sent wrong. */
export async function readJson(req: Request): Promise<unknown> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.toLowerCase().includes("application/json")) {
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
