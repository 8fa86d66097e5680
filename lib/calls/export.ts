import "server-only";
import { listAgents } from "@/lib/agents/queries";
import { CALL_CSV_HEADER, callCsvLine, csvLine } from "@/lib/calls/csv";
import { listCalls } from "@/lib/calls/queries";
import type { CallFilters } from "@/lib/calls/schema";

export const EXPORT_BATCH = 1_000;

/**
 * Call History's filtered list as CSV, read one keyset page per pull: only one batch is ever in memory, and a
 * reader that stops (a closed download) stops the queries.
 */
export async function exportCallsCsv(orgId: string, filters: CallFilters, batch = EXPORT_BATCH): Promise<ReadableStream<Uint8Array>> {
  const agentNames = new Map((await listAgents(orgId)).map((a) => [a.id, a.name]));
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
        const page = await listCalls(orgId, { ...filters, cursor, limit: batch });
        controller.enqueue(encoder.encode(page.calls.map((c) => callCsvLine(c, agentNames.get(c.agentId))).join("")));
        if (!page.next_cursor) return controller.close();
        cursor = page.next_cursor;
      },
    },
    { highWaterMark: 1 },
  );
}
