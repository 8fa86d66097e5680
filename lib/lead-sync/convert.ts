import { Temporal } from "temporal-polyfill";
import { type FormatResult, formatted, quote, unformattable } from "@/lib/variables/format-result";
import { formatDate } from "@/lib/variables/date";
import { formatNumber } from "@/lib/variables/number";
import { formatPhoneE164 } from "@/lib/variables/phone";

/** A destination field as LeadSquared's LeadsMetaData.Get describes it (api-facts §1.5.2). */
export type DestinationField = { schemaName: string; displayName?: string; dataType: string; options?: string[]; maxLength?: number };

export type FieldKind = "text" | "number" | "boolean" | "date" | "datetime" | "phone" | "email" | "option";

const PHONE_FIELDS = new Set(["phone", "mobile"]);

/** LeadSquared's DataType strings vary by field and account ("Number", "Decimal", "DateTime", "Select", "Dropdown"…). */
export function fieldKind(field: DestinationField): FieldKind {
  const type = field.dataType.toLowerCase();
  if (PHONE_FIELDS.has(field.schemaName.toLowerCase()) || type.includes("phone")) return "phone";
  if (type.includes("bool") || type === "checkbox") return "boolean";
  if (["number", "decimal", "integer", "int", "currency", "float"].includes(type)) return "number";
  if (type === "datetime") return "datetime";
  if (type === "date") return "date";
  if (type === "email") return "email";
  if ((type === "select" || type === "dropdown") && field.options?.length) return "option";
  return "text";
}

const TRUE = new Set(["1", "true", "yes", "y", "on"]);
const FALSE = new Set(["0", "false", "no", "n", "off"]);
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)$/;
const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/i;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** LeadSquared's API writes date-times in UTC as "YYYY-MM-DD HH:MM:SS" (api-facts §1.3). */
function leadSquaredUtc(instant: Temporal.Instant): string {
  return instant.toZonedDateTimeISO("UTC").toPlainDateTime().toString({ smallestUnit: "second" }).replace("T", " ");
}

/**
 * A source date-time without an offset is a wall time in the source account's zone (the connector's "Select Time
 * Zone" setting); one with an offset or Z is taken as it says.
 */
export function toUtcDateTime(text: string, sourceZone: string): FormatResult {
  const help = `${quote(text)} is not a date-time: use YYYY-MM-DD HH:MM(:SS), optionally with an offset`;
  try {
    if (WITH_OFFSET.test(text)) return formatted(leadSquaredUtc(Temporal.Instant.from(text.replace(" ", "T"))));
    const local = LOCAL_DATE_TIME.exec(text);
    const plain = local ? `${local[1]}T${local[2]}` : DATE_ONLY.test(text) ? `${text}T00:00` : null;
    if (!plain) return unformattable(help);
    const zoned = Temporal.PlainDateTime.from(plain, { overflow: "reject" }).toZonedDateTime(sourceZone, { disambiguation: "earlier" });
    return formatted(leadSquaredUtc(zoned.toInstant()));
  } catch {
    return unformattable(help);
  }
}

/** Turns a source value into what the destination field accepts, or says why it cannot (a type mismatch fails the lead). */
export function convertValue(
  raw: string,
  field: DestinationField,
  settings: { defaultCountryCode: string; sourceTimeZone: string },
): FormatResult {
  const text = raw.trim();
  const name = field.displayName ?? field.schemaName;
  let result: FormatResult;
  switch (fieldKind(field)) {
    case "boolean": {
      const lower = text.toLowerCase();
      result = TRUE.has(lower) ? formatted("1") : FALSE.has(lower) ? formatted("0") : unformattable(`${quote(text)} is not yes/no`);
      break;
    }
    case "number":
      result = formatNumber(text);
      break;
    case "datetime":
      result = toUtcDateTime(text, settings.sourceTimeZone);
      break;
    case "date": {
      // A wall date-time keeps its own calendar day; anything else is read as the call variables' dates are.
      const local = LOCAL_DATE_TIME.exec(text);
      result = formatDate(local ? local[1]! : text, settings.sourceTimeZone);
      break;
    }
    case "phone":
      result = formatPhoneE164(text, settings.defaultCountryCode);
      break;
    case "email":
      result = EMAIL.test(text) ? formatted(text) : unformattable(`${quote(text)} is not an email address`);
      break;
    case "option": {
      const match = field.options!.find((o) => o.toLowerCase() === text.toLowerCase());
      result = match
        ? formatted(match)
        : unformattable(`${quote(text)} is not one of its options (${field.options!.slice(0, 5).join(", ")}…)`);
      break;
    }
    default:
      result = formatted(text);
  }
  if (result.ok && field.maxLength && result.value.length > field.maxLength) {
    return unformattable(`${name} holds at most ${field.maxLength} characters; the source sent ${result.value.length}`);
  }
  return result.ok ? result : unformattable(`${name} (${field.dataType}): ${result.reason}`);
}
