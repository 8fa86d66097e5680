/** One CSV cell: quoted when it holds a separator, quote or line break (RFC 4180). */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  // A spreadsheet runs a cell that starts with = + - @ (or a tab/CR) as a formula; a leading ' keeps it text.
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: ReadonlyArray<string | number | null | undefined>): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

export const CALL_CSV_HEADER = [
  "call_id",
  "created_at",
  "lead_name",
  "phone",
  "crm",
  "crm_lead_id",
  "agent_id",
  "agent_name",
  "status",
  "last_outcome",
  "attempts_made",
  "attempts_allowed",
  "next_attempt_at",
  "time_zone",
  "next_attempt_reason",
  "last_error",
  "finished_at",
] as const;

type CsvCall = {
  id: string;
  createdAt: Date;
  leadName: string | null;
  phone: string;
  source: string;
  crmLeadId: string | null;
  agentId: string;
  status: string;
  lastOutcome: string | null;
  attemptsMade: number;
  maxAttempts: number;
  nextAttemptAt: Date | null;
  timezone: string;
  nextAttemptReason: { text: string } | null;
  lastError: string | null;
  finishedAt: Date | null;
};

export function callCsvLine(call: CsvCall, agentName: string | undefined): string {
  return csvLine([
    call.id,
    call.createdAt.toISOString(),
    call.leadName,
    call.phone,
    call.source,
    call.crmLeadId,
    call.agentId,
    agentName,
    call.status,
    call.lastOutcome,
    call.attemptsMade,
    call.maxAttempts,
    call.nextAttemptAt?.toISOString(),
    call.timezone,
    call.nextAttemptReason?.text,
    call.lastError,
    call.finishedAt?.toISOString(),
  ]);
}
