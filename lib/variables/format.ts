import { formatDate } from "./date";
import type { FormatResult } from "./format-result";
import { formatNumber } from "./number";
import { formatPhoneE164 } from "./phone";
import type { VariableFormat } from "./schema";
import { formatFirstName, formatLower, formatTitleCase, formatTrim, formatUpper } from "./text";

export type { FormatResult } from "./format-result";
export { formatDate } from "./date";
export { formatNumber } from "./number";
export { formatPhoneE164 } from "./phone";
export { formatFirstName, formatLower, formatTitleCase, formatTrim, formatUpper } from "./text";

export type FormatContext = {
  /** Country calling code for numbers written without "+", e.g. "91"; the organisation's setting. */
  defaultCountryCode: string | null;
  /** IANA zone whose calendar date a date-time is shown in; the organisation's zone. */
  timeZone?: string;
};

/** Applies one variable format; with no format the value is only trimmed. */
export function formatValue(format: VariableFormat | undefined, raw: string, context: FormatContext): FormatResult {
  switch (format) {
    case "phone_e164":
      return formatPhoneE164(raw, context.defaultCountryCode);
    case "first_name":
      return formatFirstName(raw);
    case "title_case":
      return formatTitleCase(raw);
    case "upper":
      return formatUpper(raw);
    case "lower":
      return formatLower(raw);
    case "trim":
      return formatTrim(raw);
    case "date":
      return formatDate(raw, context.timeZone);
    case "number":
      return formatNumber(raw);
    case undefined: {
      const text = raw.trim();
      return text === "" ? { ok: false, reason: "The value is empty" } : { ok: true, value: text };
    }
  }
}
