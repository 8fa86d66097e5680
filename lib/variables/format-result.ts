export type FormatResult = { ok: true; value: string } | { ok: false; reason: string };

export function formatted(value: string): FormatResult {
  return { ok: true, value };
}

export function unformattable(reason: string): FormatResult {
  return { ok: false, reason };
}

/** Shows exactly what was received, quotes included, so stray characters are visible. */
export function quote(text: string): string {
  return JSON.stringify(text);
}
