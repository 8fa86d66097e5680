import "server-only";
import { parseLeadSquaredBody } from "@/lib/crm/leadsquared/lead-body";
import type { LeadSyncConnector, LeadSyncJob } from "@/lib/generated/prisma/client";
import { redactBody, redactFields, redactQuery } from "@/lib/redact";
import { storeJob } from "./queries";

/** One item of a delivery as a job keeps it: the posted fields, or why the item is not a lead. */
export type StoredItem = { fields: Record<string, unknown>; problem?: string };

export type ReceiveOutcome =
  { kind: "verified" } | { kind: "stored"; job: LeadSyncJob } | { kind: "refused"; status: 400 | 415; code: string; message: string };

// PostgreSQL's jsonb cannot hold NUL; such characters become U+FFFD, as the CRM webhook does.
const storable = (value: Record<string, unknown>) =>
  JSON.parse(JSON.stringify(value).replace(/\\u0000/g, "\\ufffd")) as Record<string, unknown>;

/**
 * A delivery from the source account's automation: an empty body is LeadSquared's Verify check (answered, nothing
 * stored); anything else is parsed in any of LeadSquared's content types, one lead or many, and stored as a job that
 * the CRM write pipeline runs. A disabled connector's delivery is stored as failed, to retry after enabling it.
 */
export async function receiveDelivery(input: {
  connector: LeadSyncConnector;
  raw: string;
  contentType: string | null;
  query: URLSearchParams;
}): Promise<ReceiveOutcome> {
  if (input.raw.trim() === "") return { kind: "verified" };
  const parsed = parseLeadSquaredBody({ raw: input.raw, contentType: input.contentType, query: input.query });
  if (!parsed.ok) {
    return parsed.kind === "unsupported_media_type"
      ? { kind: "refused", status: 415, code: "unsupported_media_type", message: parsed.message }
      : { kind: "refused", status: 400, code: "malformed_body", message: parsed.message };
  }
  const leads: StoredItem[] = parsed.leads.map((lead) => ({
    fields: storable(redactFields(lead.fields)),
    ...(lead.problem ? { problem: lead.problem } : {}),
  }));
  const job = await storeJob({
    connector: input.connector,
    contentType: input.contentType,
    query: redactQuery(input.query),
    body: redactBody(input.raw).body.replace(/\u0000/g, "\ufffd"),
    leads,
    refusal: input.connector.enabled ? undefined : "The sync was disabled when this delivery arrived; enable it, then retry the job.",
  });
  return { kind: "stored", job };
}
