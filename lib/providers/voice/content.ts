import { cleanText, noRepairs } from "@/lib/webhook/clean-text";

/** What a provider reported of a call's content; each part only when it gave one. */
export type CallContent = { summary?: string; transcript?: string; recordingUrl?: string };

/**
 * What one attempt keeps, in characters. A summary is a paragraph; 60,000 characters of transcript is about 70
 * minutes of two-way talk, and with the summary it still fits HubSpot's 65,536-character body (README "Outcomes back
 * to the CRM"). A longer transcript is cut, saying so. A recording link is never cut: one too long is left out.
 */
export const CALL_CONTENT_LIMITS = { summary: 4_000, transcript: 60_000, recordingUrl: 2_048 } as const;

/** The text cut to at most `max` characters, `marker` included, never splitting a character. */
export function cutText(text: string, max: number, marker = `…[cut: ${text.length.toLocaleString("en")} characters in all]`): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - marker.length);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end) + marker;
}

function linkOf(raw: string): string | undefined {
  if (raw.length > CALL_CONTENT_LIMITS.recordingUrl) return undefined;
  try {
    const url = new URL(raw);
    // Shown as a link on the call's page and sent to the CRM: only web links, never javascript: or data:.
    return url.protocol === "https:" || url.protocol === "http:" ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** Text from a provider as Postgres can store it: a NUL (which it refuses) or a lone surrogate becomes U+FFFD. */
export const storableText = (text: string): string => cleanText(text, noRepairs());

/** A provider's content as Leadline keeps it: blanks dropped, text bounded, the recording only as a web link. */
export function boundCallContent(raw: { summary?: string | null; transcript?: string | null; recordingUrl?: string | null }): CallContent {
  const summary = raw.summary && storableText(raw.summary).trim();
  const transcript = raw.transcript && storableText(raw.transcript).trim();
  const recordingUrl = raw.recordingUrl?.trim() ? linkOf(raw.recordingUrl.trim()) : undefined;
  return {
    ...(summary ? { summary: cutText(summary, CALL_CONTENT_LIMITS.summary) } : {}),
    ...(transcript ? { transcript: cutText(transcript, CALL_CONTENT_LIMITS.transcript) } : {}),
    ...(recordingUrl ? { recordingUrl } : {}),
  };
}
