import "server-only";
import { agentNames } from "@/lib/agents/queries";
import { CALL_CSV_HEADER, callCsvLine, csvLine } from "@/lib/calls/csv";
import { callsPageWhere, searchCountryCode } from "@/lib/calls/filters";
import { NEWEST_FIRST, presentReason } from "@/lib/calls/queries";
import type { CallFilters } from "@/lib/calls/schema";
import { db } from "@/lib/db";
import { encodeCursor } from "@/lib/http/cursor";

export const EXPORT_BATCH = 1_000;

// Only the CSV's columns: the JSON columns (variables, lead fields) would triple each batch's cost.
const COLUMNS = {
  id: true,
  createdAt: true,
  leadName: true,
  phone: true,
  source: true,
  crmLeadId: true,
  agentId: true,
  status: true,
  lastOutcome: true,
  attemptsMade: true,
  maxAttempts: true,
  nextAttemptAt: true,
  timezone: true,
  nextAttemptReason: true,
  lastError: true,
  finishedAt: true,
} as const;

/** One keyset batch of the filtered list, newest first, as Call History orders it. */
export async function exportBatch(
  orgId: string,
  filters: CallFilters,
  cursor: string | undefined,
  batch: number,
  countryCode: string | null,
) {
  const where = await callsPageWhere(orgId, filters, cursor, batch, countryCode);
  const rows = await db.callTask.findMany({ where, orderBy: NEWEST_FIRST, take: batch, select: COLUMNS });
  return { rows, next: rows.length === batch ? encodeCursor(rows[rows.length - 1]!) : undefined };
}

/**
 * Call History's filtered list as CSV, read one keyset batch per pull: only one batch is ever in memory, and a
 * reader that stops (a closed download) stops the queries.
 */
export async function exportCallsCsv(orgId: string, filters: CallFilters, batch = EXPORT_BATCH): Promise<ReadableStream<Uint8Array>> {
  const names = new Map((await agentNames(orgId)).map((a) => [a.id, a.name]));
  const countryCode = filters.q ? await searchCountryCode(orgId) : null;
  const encoder = new TextEncoder();
  let cursor: string | undefined;
  let started = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!started) {
          started = true;
          return controller.enqueue(encoder.encode(csvLine(CALL_CSV_HEADER)));
        }
        const { rows, next } = await exportBatch(orgId, filters, cursor, batch, countryCode);
        const text = rows
          .map((c) => callCsvLine({ ...c, nextAttemptReason: presentReason(c.nextAttemptReason) }, names.get(c.agentId)))
          .join("");
        if (text) controller.enqueue(encoder.encode(text));
        if (!next) return controller.close();
        cursor = next;
      },
    },
    { highWaterMark: 1 },
  );
}
