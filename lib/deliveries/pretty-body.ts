/**
 * A stored (already redacted) webhook body made readable: JSON indented, a form body one field per line,
 * anything else as it came.
 */
export function prettyBody(body: string, contentType: string | null): string {
  const text = body.trim();
  if (!text) return "";
  if (/^[[{]/.test(text)) {
    try {
      return JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      return body;
    }
  }
  if (contentType?.includes("x-www-form-urlencoded") || /^[^\s=&]+=[^\s]*(&[^\s=&]+=[^\s]*)*$/.test(text)) {
    return [...new URLSearchParams(text)].map(([k, v]) => `${k} = ${v}`).join("\n");
  }
  return body;
}
