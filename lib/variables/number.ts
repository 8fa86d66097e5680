import { type FormatResult, formatted, quote, unformattable } from "./format-result";

const CURRENCY = /^(?:₹|rs\.?|inr|\$|usd|us\$|€|eur|£|gbp)\s*|\s*(?:₹|rs\.?|inr|\$|usd|€|eur|£|gbp)$/gi;
// "₹2,500/-" is the Indian way of writing "exactly 2,500".
const RUPEE_SUFFIX = /\s*\/-$/;
const SPACES = /[\s\u00a0\u202f]/g;
const PLAIN = /^\d+$/;
const WESTERN_GROUPS = /^\d{1,3}(?:,\d{3})+$/;
const INDIAN_GROUPS = /^\d{1,2}(?:,\d{2})*,\d{3}$/;

function stripCurrency(text: string): string {
  return text.replace(RUPEE_SUFFIX, "").replace(CURRENCY, "").trim();
}

/**
 * Strips currency and thousands separators: "₹1,23,456.50" → "123456.5", "$2,500.00" → "2500".
 * A comma is always a thousands separator and a dot always the decimal point, as in LeadSquared and HubSpot values.
 */
export function formatNumber(raw: string): FormatResult {
  const text = raw.trim();
  if (text === "") return unformattable("The number is empty");
  const help = `${quote(text)} is not a number: write it like 2500, 2,500.50 or 1,23,456`;

  let body = stripCurrency(text);
  let sign = "";
  if (/^[-−+]/.test(body)) {
    sign = body[0] === "+" ? "" : "-";
    body = stripCurrency(body.slice(1));
  }
  const [whole = "", fraction, ...rest] = body.replace(SPACES, ",").split(".");
  if (rest.length > 0 || (fraction !== undefined && !PLAIN.test(fraction) && fraction !== "")) return unformattable(help);
  if (whole.includes(",") && !WESTERN_GROUPS.test(whole) && !INDIAN_GROUPS.test(whole)) {
    return unformattable(
      `${quote(text)} has commas in unexpected places: commas must group thousands (2,500 or 1,23,456) and the decimal point must be a dot`,
    );
  }
  const digits = whole.replace(/,/g, "");
  if (!PLAIN.test(digits) && !(digits === "" && fraction)) return unformattable(help);

  const integer = digits.replace(/^0+(?=\d)/, "") || "0";
  const decimals = (fraction ?? "").replace(/0+$/, "");
  const value = decimals ? `${integer}.${decimals}` : integer;
  return formatted(value === "0" ? "0" : `${sign}${value}`);
}
