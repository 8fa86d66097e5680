import { type FormatResult, formatted, quote, unformattable } from "./format-result";

const HONORIFICS = new Set(["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "madam", "shri", "sri", "smt", "kumari", "km"]);

/** Trims the ends and collapses inner runs of whitespace (newlines, tabs, no-break spaces) to one space. */
export function collapseSpaces(text: string): string {
  return text.replace(/[\s\u00a0\u202f]+/g, " ").trim();
}

function capitalize(part: string): string {
  const [first = "", ...rest] = [...part];
  return first.toUpperCase() + rest.join("").toLowerCase();
}

/** "ASHA" and "asha" become "Asha"; mixed case such as "McDonald" or "DeSouza" is kept as typed. */
function titleWord(word: string): string {
  if (word !== word.toLowerCase() && word !== word.toUpperCase()) return word;
  return word
    .split("-")
    .map((part) => {
      // O'Brien and D'Souza, but not "It'S": only a one-letter prefix before the apostrophe is a name particle.
      const apostrophe = /^(\p{L})(['’])(.+)$/u.exec(part);
      return apostrophe ? `${apostrophe[1]!.toUpperCase()}${apostrophe[2]}${capitalize(apostrophe[3]!)}` : capitalize(part);
    })
    .join("-");
}

export function formatTitleCase(raw: string): FormatResult {
  const text = collapseSpaces(raw);
  if (text === "") return unformattable("The text is empty");
  return formatted(text.split(" ").map(titleWord).join(" "));
}

function isInitial(word: string): boolean {
  return /^\p{L}\.?$/u.test(word);
}

/**
 * The name to greet someone by: "Dr. asha rao" → "Asha", "Rao, Asha" → "Asha", "K. Srinivasan" → "Srinivasan"
 * (South Indian names put initials before the given name).
 */
export function formatFirstName(raw: string): FormatResult {
  let text = collapseSpaces(raw);
  const comma = text.indexOf(",");
  if (comma >= 0 && text.slice(comma + 1).trim() !== "") text = text.slice(comma + 1).trim();
  const words = text.split(" ").filter((w) => w !== "");
  while (words.length > 1 && HONORIFICS.has(words[0]!.replace(/\.$/, "").toLowerCase())) words.shift();
  while (words.length > 1 && isInitial(words[0]!)) words.shift();
  const first = words[0]?.replace(/[.,;:]+$/, "") ?? "";
  if (first === "") return unformattable("The name is empty");
  if (HONORIFICS.has(first.toLowerCase())) return unformattable(`${quote(raw.trim())} is only a title, not a name`);
  return formatted(titleWord(first));
}

export function formatTrim(raw: string): FormatResult {
  const text = collapseSpaces(raw);
  return text === "" ? unformattable("The text is empty") : formatted(text);
}

export function formatUpper(raw: string): FormatResult {
  const text = collapseSpaces(raw);
  return text === "" ? unformattable("The text is empty") : formatted(text.toUpperCase());
}

export function formatLower(raw: string): FormatResult {
  const text = collapseSpaces(raw);
  return text === "" ? unformattable("The text is empty") : formatted(text.toLowerCase());
}
