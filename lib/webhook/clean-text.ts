// PostgreSQL refuses NUL in text and both NUL and lone UTF-16 surrogates in jsonb; a CRM can send either (a JSON
// "\u0000" or "\ud83d" escape, a %00 in a form body or the URL), so all text is repaired before anything is stored.
export const REPLACEMENT = "\uFFFD";

/** How many characters were replaced across everything one request carried. */
export type Repairs = { nul: number; surrogates: number };

export const noRepairs = (): Repairs => ({ nul: 0, surrogates: 0 });

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text with each NUL and each lone surrogate replaced by U+FFFD, counted in `repairs`; the same string when clean. */
export function cleanText(text: string, repairs: Repairs): string {
  const hasNul = text.includes("\0");
  // Any surrogate at all is rare (emoji); only then is the text searched for lone ones.
  const wellFormed = !/[\uD800-\uDFFF]/.test(text);
  if (!hasNul && wellFormed) return text;
  let out = text;
  if (!wellFormed) {
    out = out.replace(LONE_SURROGATE, () => {
      repairs.surrogates += 1;
      return REPLACEMENT;
    });
  }
  if (hasNul) {
    out = out.replace(/\0/g, () => {
      repairs.nul += 1;
      return REPLACEMENT;
    });
  }
  return out;
}

/** A URL's parameters with their names and values repaired. */
export function cleanQuery(query: URLSearchParams, repairs: Repairs): URLSearchParams {
  const out = new URLSearchParams();
  for (const [name, value] of query) out.append(cleanText(name, repairs), cleanText(value, repairs));
  return out;
}

/** What the delivery log says about repaired text, or null when nothing was touched. */
export function describeRepairs(repairs: Repairs): string | null {
  const parts = [
    repairs.nul > 0 ? `${repairs.nul} NUL character${repairs.nul === 1 ? "" : "s"}` : null,
    repairs.surrogates > 0 ? `${repairs.surrogates} lone UTF-16 surrogate${repairs.surrogates === 1 ? "" : "s"}` : null,
  ].filter((p): p is string => p !== null);
  return parts.length ? `${parts.join(" and ")} replaced with U+FFFD before storing.` : null;
}
