/** What a Lead Sync failure mail says (seed 001, "Select User to Notify on Failure"). */
export type LeadSyncFailureMailInput = {
  recipientName: string;
  connectorName: string;
  jobId: string;
  failedAt: Date;
  /** The recipient organisation's zone: the time is written in it. */
  zone: string;
  /** Why the job failed as a whole, when it did. */
  summary: string | null;
  /** Each lead that failed, with its reasons. */
  leadErrors: ReadonlyArray<{ lead: string; reasons: readonly string[] }>;
  jobUrl: string;
  connectorUrl: string;
};

export type RenderedMail = { subject: string; text: string; html: string };

/** At most this many leads are listed; the job's page has the rest. */
export const MAX_LISTED_LEADS = 20;

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function leadSyncFailureMail(input: LeadSyncFailureMailInput): RenderedMail {
  const when = new Intl.DateTimeFormat("en-GB", { timeZone: input.zone, dateStyle: "medium", timeStyle: "short" }).format(input.failedAt);
  const count = input.leadErrors.length;
  const listed = input.leadErrors.slice(0, MAX_LISTED_LEADS);
  const more = count - listed.length;
  const what = count ? `${count} lead${count === 1 ? "" : "s"} failed` : "a sync job failed";
  const subject = `Lead Sync "${input.connectorName}": ${what}`;
  const lines = listed.map((l) => `- ${l.lead}: ${l.reasons.join("; ")}`);
  const text = [
    `Hello ${input.recipientName},`,
    "",
    `Lead Sync "${input.connectorName}" could not sync every lead in job ${input.jobId} (${when}, ${input.zone}).`,
    ...(input.summary ? ["", input.summary] : []),
    ...(lines.length ? ["", ...lines] : []),
    ...(more > 0 ? [`…and ${more} more on the job's page.`] : []),
    "",
    `Fix the mapping or the data, then press Retry on the job: ${input.jobUrl}`,
    `Turn these mails off under Basic settings: ${input.connectorUrl}`,
  ].join("\n");
  const items = listed.map((l) => `<li><strong>${escapeHtml(l.lead)}</strong>: ${escapeHtml(l.reasons.join("; "))}</li>`).join("");
  const html = [
    `<p>Hello ${escapeHtml(input.recipientName)},</p>`,
    `<p>Lead Sync “${escapeHtml(input.connectorName)}” could not sync every lead in job <code>${escapeHtml(input.jobId)}</code> (${escapeHtml(when)}, ${escapeHtml(input.zone)}).</p>`,
    input.summary ? `<p>${escapeHtml(input.summary)}</p>` : "",
    items ? `<ul>${items}</ul>` : "",
    more > 0 ? `<p>…and ${more} more on the job's page.</p>` : "",
    `<p>Fix the mapping or the data, then press <a href="${escapeHtml(input.jobUrl)}">Retry on the job</a>.</p>`,
    `<p>Turn these mails off under <a href="${escapeHtml(input.connectorUrl)}">Basic settings</a>.</p>`,
  ].join("");
  return { subject, text, html };
}
