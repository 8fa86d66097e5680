export type LeadSquaredLead = {
  /** ProspectID of the lead (RelatedProspectId on activity posts); null when the body carries none. */
  leadId: string | null;
  /** From the URL LeadSquared appends to, e.g. Lead_Post_Create. */
  eventType: string | null;
  /** Who posted: webhook, rule or automation. */
  entityType: string | null;
  /** The id of the webhook or rule that posted. */
  entityId: string | null;
  /** The lead's fields exactly as posted; values are usually strings or null. */
  fields: Record<string, unknown>;
  /** Set when this item of an array is not a lead object: it is refused on its own, its neighbours go on. */
  problem?: string;
};

export type LeadSquaredBodyFailureKind = "unsupported_media_type" | "malformed" | "empty";

export type LeadSquaredBody =
  { ok: true; encoding: "json" | "form"; leads: LeadSquaredLead[] } | { ok: false; kind: LeadSquaredBodyFailureKind; message: string };

const SUPPORTED = "application/json (recommended), application/x-www-form-urlencoded or text/plain";
const FIX = "set the webhook's Content Type to application/json in LeadSquared";
// ProspectID on lead events; RelatedProspectId is how LeadSquared names the lead on activities.
const LEAD_ID_KEYS = ["prospectid", "relatedprospectid", "leadid"];

type Decoded = { ok: true; encoding: "json" | "form"; value: unknown } | { ok: false; kind: LeadSquaredBodyFailureKind; message: string };

function mediaType(contentType: string | null): string | null {
  const type = contentType?.split(";")[0]?.trim().toLowerCase();
  return type ? type : null;
}

function looksLikeJson(text: string): boolean {
  return text.startsWith("{") || text.startsWith("[");
}

function decodeJson(text: string): Decoded {
  try {
    return { ok: true, encoding: "json", value: JSON.parse(text) as unknown };
  } catch (err) {
    // V8 quotes the body in its message; only the position is kept, so no lead value is echoed or logged.
    const detail = err instanceof Error ? err.message.replace(/,? ".*$/s, "").slice(0, 120) : "parse error";
    return { ok: false, kind: "malformed", message: `The body is not valid JSON (${detail}). Send each lead as a JSON object; ${FIX}.` };
  }
}

function decodeForm(text: string): Decoded {
  // Repeated keys keep the last value, as a lead field has one value.
  const fields: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(text)) fields[key] = value;
  return { ok: true, encoding: "form", value: fields };
}

type Reading = "json" | "form" | "sniff";

function readingFor(type: string | null): Reading | null {
  if (type === "application/json" || type === "text/json" || type?.endsWith("+json")) return "json";
  if (type === "application/x-www-form-urlencoded") return "form";
  if (type === "text/plain" || type === null) return "sniff";
  return null;
}

function decode(text: string, reading: Reading, type: string | null): Decoded {
  if (reading === "json") return decodeJson(text);
  // LeadSquared's form and text/plain encodings are undocumented; a JSON-looking body is read as JSON under either.
  if (looksLikeJson(text)) return decodeJson(text);
  if (reading === "form" || /^&*[^=&\s]+=/.test(text)) return decodeForm(text);
  const received = type === null ? "with no Content-Type" : "as text/plain";
  return {
    ok: false,
    kind: "malformed",
    message: `The body was sent ${received} but is neither JSON nor key=value pairs; send each lead as a JSON object and ${FIX}.`,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describeJsonType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}

/** One item of the body: a lead's fields, or why the item is not a lead. */
type Item = { fields: Record<string, unknown>; problem?: string };

function toRecords(value: unknown): { ok: true; records: Item[] } | { ok: false; kind: LeadSquaredBodyFailureKind; message: string } {
  if (isRecord(value)) {
    if (Object.keys(value).length === 0)
      return { ok: false, kind: "empty", message: "The body has no lead fields: it is an empty object." };
    return { ok: true, records: [{ fields: value }] };
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return { ok: false, kind: "empty", message: "The body is an empty JSON array: it has no leads." };
    const records = value.map((item: unknown, i) =>
      isRecord(item)
        ? { fields: item }
        : {
            fields: {},
            problem: `Item ${i + 1} of the JSON array is ${describeJsonType(item)}; each item must be a JSON object of lead fields.`,
          },
    );
    return { ok: true, records };
  }
  return {
    ok: false,
    kind: "malformed",
    message: `The JSON body is ${describeJsonType(value)}; send a lead as a JSON object, or several leads as an array of objects.`,
  };
}

function readLeadId(fields: Record<string, unknown>): string | null {
  for (const wanted of LEAD_ID_KEYS) {
    const key = Object.keys(fields).find((k) => k.toLowerCase() === wanted);
    const value = key === undefined ? undefined : fields[key];
    if ((typeof value === "string" && value.trim() !== "") || typeof value === "number") return String(value).trim();
  }
  return null;
}

/** LeadSquared appends these to our URL; the last one wins if the admin's URL already had one. */
function readQuery(query: URLSearchParams, name: string): string | null {
  const lower = name.toLowerCase();
  let exact: string | undefined;
  let otherCase: string | undefined;
  for (const [key, value] of query) {
    if (key === name) exact = value;
    else if (key.toLowerCase() === lower) otherCase = value;
  }
  const last = (exact ?? otherCase)?.trim();
  return last ? last : null;
}

/**
 * Reads a LeadSquared webhook body: one lead as a JSON object, several as an array (activities are batched per
 * minute), or the form / text/plain encodings LeadSquared also offers.
 */
export function parseLeadSquaredBody(input: { raw: string; contentType: string | null; query: URLSearchParams }): LeadSquaredBody {
  const type = mediaType(input.contentType);
  const reading = readingFor(type);
  if (reading === null) {
    return { ok: false, kind: "unsupported_media_type", message: `Content-Type ${type} is not supported: send ${SUPPORTED}; ${FIX}.` };
  }
  const text = input.raw.replace(/^\uFEFF/, "").trim();
  if (text === "") {
    return {
      ok: false,
      kind: "empty",
      message: `The body is empty; a LeadSquared webhook posts the lead's fields. Check the webhook's event, and ${FIX}.`,
    };
  }
  const decoded = decode(text, reading, type);
  if (!decoded.ok) return decoded;
  const records = toRecords(decoded.value);
  if (!records.ok) return records;

  const meta = {
    eventType: readQuery(input.query, "eventType"),
    entityType: readQuery(input.query, "entityType"),
    entityId: readQuery(input.query, "entityId"),
  };
  const leads = records.records.map(({ fields, problem }): LeadSquaredLead =>
    problem ? { leadId: null, ...meta, fields, problem } : { leadId: readLeadId(fields), ...meta, fields },
  );
  return { ok: true, encoding: decoded.encoding, leads };
}
