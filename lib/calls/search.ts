/**
 * How Call History reads its search box: something that looks like a phone number is matched on the digits of the
 * stored E.164 number (so "098765 00000", "+91 98765-00000" and "00000" all find +919876500000); anything else is
 * matched against the lead's name and CRM lead id, ignoring case.
 */
export type CallSearch = { kind: "phone"; digits: string; raw: string } | { kind: "text"; text: string };

const PHONE_LIKE = /^[+\d\s().-]+$/;

export function parseCallSearch(q: string): CallSearch {
  const raw = q.trim();
  const digits = raw.replace(/\D/g, "");
  // A national trunk 0 or an international 00 is not part of the stored number.
  if (PHONE_LIKE.test(raw) && digits.length >= 3) return { kind: "phone", digits: digits.replace(/^0+/, "") || digits, raw };
  return { kind: "text", text: raw };
}
