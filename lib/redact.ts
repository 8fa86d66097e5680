export const MAX_STORED_BODY_BYTES = 64 * 1024;
export const REDACTED = "[redacted]";

// Compared against names with case and punctuation removed: "X-API-KEY", "x_api_key" and "apiKey" all read "xapikey".
const SECRET_PARTS = ["password", "passwd", "token", "secret", "apikey", "accesskey", "authorization", "signature", "cookie", "privatekey"];
const NOT_SECRET = new Set(["xhubspotsignatureversion"]);

export function isSecretName(name: string): boolean {
  const compact = name.toLowerCase().replace(/[^a-z0-9]/g, "");
  return !NOT_SECRET.has(compact) && SECRET_PARTS.some((part) => compact.includes(part));
}

function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, " "));
  } catch {
    return raw;
  }
}

/** Redacts pairs of a query string or form body in place, so the rest keeps its exact original encoding. */
function redactPairs(text: string): { text: string; changed: boolean } {
  let changed = false;
  const pairs = text.split("&").map((pair) => {
    const eq = pair.indexOf("=");
    const name = eq >= 0 ? pair.slice(0, eq) : pair;
    if (eq < 0 || !isSecretName(decodeName(name))) return pair;
    changed = true;
    return `${name}=${REDACTED}`;
  });
  return { text: pairs.join("&"), changed };
}

/** A URL's query as stored: x_api_key and any other secret-looking parameter hidden (a repeated name keeps its last value). */
export function redactQuery(query: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of query) out[name] = value !== "" && isSecretName(name) ? REDACTED : value;
  return out;
}

/** The value with secret fields replaced; the very same value when it has none, so a clean body costs no copy. */
function redactJson(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    const items = value.map(redactJson);
    return items.some((item, i) => item !== value[i]) ? items : value;
  }
  let out: Record<string, unknown> | null = null;
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    const redacted = isSecretName(key) && item !== null && item !== "" ? REDACTED : redactJson(item);
    if (redacted !== item) (out ??= { ...(value as Record<string, unknown>) })[key] = redacted;
  }
  return out ?? value;
}

/** A lead's fields as stored with its call and served by the API: secret-looking fields hidden, as in the delivery log. */
export function redactFields<T extends Record<string, unknown> | null>(fields: T): T {
  return redactJson(fields) as T;
}

function redactText(raw: string): string {
  const trimmed = raw.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      const redacted = redactJson(parsed);
      // Untouched bodies are stored byte for byte, so what support sees is what the CRM sent.
      return redacted !== parsed ? JSON.stringify(redacted) : raw;
    } catch {
      return raw;
    }
  }
  // Any other text with a pair in it is read as pairs, whatever comes first ("&Password=…" too): over-redacting is safe.
  if (trimmed.includes("=")) {
    const redacted = redactPairs(trimmed);
    return redacted.changed ? redacted.text : raw;
  }
  return raw;
}

function cutAtCharBoundary(bytes: Uint8Array, limit: number): number {
  let end = Math.max(0, limit);
  // Step back over UTF-8 continuation bytes (10xxxxxx) so no character is split.
  while (end > 0 && end < bytes.length && ((bytes[end] ?? 0) & 0xc0) === 0x80) end -= 1;
  return end;
}

export type StoredBody = { body: string; truncated: boolean; bytes: number };

/**
 * The copy of a webhook body kept in the delivery log: secret-looking fields (JSON at any depth, or form pairs)
 * are redacted, then the text is capped at `maxBytes` of UTF-8 with a marker saying how much was cut.
 */
export function redactBody(raw: string, maxBytes = MAX_STORED_BODY_BYTES): StoredBody {
  const text = redactText(raw);
  const size = Buffer.byteLength(text, "utf8");
  if (size <= maxBytes) return { body: text, truncated: false, bytes: size };
  const bytes = new TextEncoder().encode(text);
  const marker = `…[truncated: ${bytes.length} bytes in total]`;
  const keep = cutAtCharBoundary(bytes, maxBytes - new TextEncoder().encode(marker).length);
  return { body: new TextDecoder().decode(bytes.subarray(0, keep)) + marker, truncated: true, bytes: bytes.length };
}
