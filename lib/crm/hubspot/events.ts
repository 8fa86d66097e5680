import { z } from "zod";

// HubSpot's object type ids for the generic object.* subscriptions.
const OBJECT_TYPE_IDS: Record<string, string> = { "0-1": "contact", "0-2": "company", "0-3": "deal", "0-5": "ticket" };

// HubSpot's ids are 64-bit; 30 digits leaves room and keeps a forged one out of the ids and keys that are stored.
const MAX_ID_DIGITS = 30;

function digits(name: string) {
  const error = `${name} must be a number or a string of digits`;
  return z
    .union(
      [
        z.int({ error }).nonnegative(error),
        z.string({ error }).trim().regex(/^\d+$/, error).max(MAX_ID_DIGITS, `${name} has more than ${MAX_ID_DIGITS} digits`),
      ],
      { error },
    )
    .transform((v) => String(v));
}

const ATTEMPT_ERROR = "attemptNumber must be a whole number, 0 or more";
const optionalText = z
  .string()
  .nullish()
  .transform((v) => v ?? null);

/** One event of a HubSpot webhook delivery; ids become strings so 64-bit ids survive. */
export const hubSpotEventSchema = z
  .looseObject({
    eventId: digits("eventId"),
    subscriptionId: digits("subscriptionId").nullish(),
    portalId: digits("portalId"),
    appId: digits("appId").nullish(),
    occurredAt: digits("occurredAt").transform(Number),
    subscriptionType: z
      .string({ error: "subscriptionType must be text such as contact.creation" })
      .trim()
      .min(1, "subscriptionType must be text such as contact.creation"),
    attemptNumber: z.int({ error: ATTEMPT_ERROR }).nonnegative(ATTEMPT_ERROR).default(0),
    objectId: digits("objectId").nullish(),
    objectTypeId: optionalText,
    objectType: optionalText,
    objectName: optionalText,
    changeSource: optionalText,
    changeFlag: optionalText,
    sourceId: optionalText,
    propertyName: optionalText,
    propertyValue: z
      .union([z.string(), z.number(), z.boolean()])
      .nullish()
      .transform((v) => (v === null || v === undefined ? null : String(v))),
  })
  .transform((e) => {
    const [prefix = "", ...rest] = e.subscriptionType.split(".");
    const generic = prefix === "object";
    const objectType = generic
      ? (OBJECT_TYPE_IDS[e.objectTypeId ?? ""] ?? e.objectType?.toLowerCase() ?? e.objectName?.toLowerCase() ?? e.objectTypeId)
      : prefix.toLowerCase();
    return {
      eventId: e.eventId,
      subscriptionId: e.subscriptionId ?? null,
      portalId: e.portalId,
      appId: e.appId ?? null,
      occurredAt: e.occurredAt,
      subscriptionType: e.subscriptionType,
      /** contact, company, deal, …; from the subscription type or, for object.* events, the object type id. */
      objectType: objectType ?? null,
      /** creation, propertyChange, deletion, … */
      change: rest.join("."),
      objectId: e.objectId ?? null,
      attemptNumber: e.attemptNumber,
      changeSource: e.changeSource,
      changeFlag: e.changeFlag,
      sourceId: e.sourceId,
      propertyName: e.propertyName,
      propertyValue: e.propertyValue,
    };
  });

export type HubSpotEvent = z.output<typeof hubSpotEventSchema>;

export type InvalidHubSpotEvent = { index: number; eventId: string | null; message: string };

export type HubSpotEvents =
  { ok: true; events: HubSpotEvent[]; invalid: InvalidHubSpotEvent[] } | { ok: false; kind: "malformed" | "empty"; message: string };

export type HubSpotEventAction = { action: "call" } | { action: "ignore"; reason: string };

/**
 * Only a new contact starts a call. Property changes, deletions, merges and restores are acknowledged and ignored:
 * calling on every property change would dial the same person again and again.
 */
export function hubSpotEventAction(event: HubSpotEvent): HubSpotEventAction {
  if (event.objectType !== "contact") {
    return {
      action: "ignore",
      reason: `${event.subscriptionType} is about a ${event.objectType ?? "non-contact object"}; only new contacts are called`,
    };
  }
  if (event.change === "creation") return { action: "call" };
  return { action: "ignore", reason: `${event.subscriptionType} events do not start calls; only contact.creation does` };
}

function readEventId(item: unknown): string | null {
  const id = typeof item === "object" && item !== null ? (item as { eventId?: unknown }).eventId : undefined;
  return typeof id === "number" || (typeof id === "string" && id !== "") ? String(id) : null;
}

function checkEvent(item: unknown, index: number): { event: HubSpotEvent } | { invalid: InvalidHubSpotEvent } {
  const eventId = readEventId(item);
  if (typeof item !== "object" || item === null || Array.isArray(item)) {
    return { invalid: { index, eventId, message: `Event ${index + 1} is not a JSON object` } };
  }
  const parsed = hubSpotEventSchema.safeParse(item);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
    return { invalid: { index, eventId, message: `Event ${index + 1}: ${where}${issue?.message ?? "invalid"}` } };
  }
  const event = parsed.data;
  if (hubSpotEventAction(event).action === "call" && event.objectId === null) {
    return {
      invalid: { index, eventId, message: `Event ${index + 1}: ${event.subscriptionType} has no objectId, so there is no contact to call` },
    };
  }
  return { event };
}

/**
 * Reads HubSpot's webhook body: a JSON array of events (often many; never assume one). A bad event is reported
 * on its own so the rest of the batch still counts: HubSpot does not retry a 400.
 */
export function parseHubSpotEvents(raw: string): HubSpotEvents {
  const text = raw.replace(/^\uFEFF/, "").trim();
  if (text === "") return { ok: false, kind: "empty", message: "The body is empty; HubSpot posts a JSON array of events." };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    // V8 quotes the body in its message; only the position is kept, so no lead value is echoed or logged.
    const detail = err instanceof Error ? err.message.replace(/,? ".*$/s, "").slice(0, 120) : "parse error";
    return { ok: false, kind: "malformed", message: `The body is not valid JSON (${detail}); HubSpot posts a JSON array of events.` };
  }
  // A single event object is accepted too, as hand-made test requests often send one.
  const items = Array.isArray(value) ? value : typeof value === "object" && value !== null && "eventId" in value ? [value] : null;
  if (items === null) {
    const kind = value === null ? "null" : typeof value;
    return {
      ok: false,
      kind: "malformed",
      message: `The JSON body is ${kind === "object" ? "an object without eventId" : kind}; HubSpot posts a JSON array of events.`,
    };
  }
  if (items.length === 0) return { ok: false, kind: "empty", message: "The body is an empty JSON array: it has no events." };

  const events: HubSpotEvent[] = [];
  const invalid: InvalidHubSpotEvent[] = [];
  items.forEach((item, index) => {
    const checked = checkEvent(item, index);
    if ("event" in checked) events.push(checked.event);
    else invalid.push(checked.invalid);
  });
  return { ok: true, events, invalid };
}
