import { getCountries, getCountryCallingCode, parsePhoneNumberFromString, validatePhoneNumberLength } from "libphonenumber-js";
import { type FormatResult, formatted, quote, unformattable } from "./format-result";

const CALLING_CODES = new Set<string>(getCountries().map((country) => getCountryCallingCode(country)));

export function isCallingCode(code: string): boolean {
  return CALLING_CODES.has(code);
}

/** "91", "+91" and " 91 " all mean India; null when absent. */
export function normalizeCallingCode(code: string | null | undefined): string | null {
  const trimmed = code?.trim().replace(/^\+/, "") ?? "";
  return trimmed === "" ? null : trimmed;
}

/**
 * Readings to try, most literal first. The later ones only win when the literal reading is not a valid number:
 * "0091…" dialled with an international prefix, and 11+ digits stored without their "+" (e.g. "919876543210").
 */
function readings(text: string, callingCode: string | null): string[] {
  if (text.startsWith("+")) return [text];
  const digits = text.replace(/\D/g, "");
  const list = [text];
  if (digits.startsWith("00")) list.push(`+${digits.slice(2)}`);
  if (callingCode === "1" && digits.startsWith("011")) list.push(`+${digits.slice(3)}`);
  if (digits.length >= 11) list.push(`+${digits}`);
  return list;
}

function describeFailure(text: string, callingCode: string | null): string {
  const shown = quote(text);
  if (!/\d/.test(text)) return `${shown} has no digits, so it is not a phone number`;
  if (callingCode === null && !text.startsWith("+")) {
    return `${shown} has no country code (+…) and no default country code is set; add one in the organisation settings`;
  }
  const parsed = parsePhoneNumberFromString(text, { defaultCallingCode: callingCode ?? undefined, extract: false });
  const plan = parsed ? `+${parsed.countryCallingCode}` : callingCode ? `+${callingCode}` : "its country";
  switch (validatePhoneNumberLength(text, { defaultCallingCode: callingCode ?? undefined })) {
    case "TOO_SHORT":
      return `${shown} has too few digits for a ${plan} number`;
    case "TOO_LONG":
      return `${shown} has too many digits for a ${plan} number (is it two numbers in one field?)`;
    case "INVALID_LENGTH":
      return `${shown} has the wrong number of digits for a ${plan} number`;
    case "INVALID_COUNTRY":
      return `${shown} starts with an unknown country code`;
    case "NOT_A_NUMBER":
      return `${shown} is not a phone number`;
    default:
      return `${shown} is not a valid ${plan} number`;
  }
}

/**
 * Normalises a CRM phone value to E.164 (+919876543210). Numbers without "+" take `defaultCountryCode`
 * (the org's, e.g. "91"); a national trunk "0" is dropped. Extensions are discarded: a call cannot dial them.
 */
export function formatPhoneE164(raw: string, defaultCountryCode: string | null | undefined): FormatResult {
  const text = raw.trim();
  if (text === "") return unformattable("The phone number is empty");
  const callingCode = normalizeCallingCode(defaultCountryCode);
  if (callingCode !== null && !CALLING_CODES.has(callingCode)) {
    return unformattable(`The default country code +${callingCode} is not a country calling code; fix it in the organisation settings`);
  }
  for (const reading of readings(text, callingCode)) {
    const parsed = parsePhoneNumberFromString(reading, { defaultCallingCode: callingCode ?? undefined, extract: false });
    if (parsed?.isValid()) return formatted(parsed.number);
  }
  return unformattable(describeFailure(text, callingCode));
}
