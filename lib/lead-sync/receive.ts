import "server-only";
import { parseLeadSquaredBody } from "@/lib/crm/leadsquared/lead-body";
import type { LeadSyncConnector, LeadSyncJob } from "@/lib/generated/prisma/client";
import { redactBody, redactFields, redactQuery } from "@/lib/redact";
import { cleanQuery, cleanText, noRepairs, type Repairs } from "@/lib/webhook/clean-text";
import { storeJob } from "./queries";

/** One item of a delivery as a job keeps it: the posted fields, or why the item is not a lead. */
export type StoredItem = { fields: Record<string, unknown>; problem?: string };

export type ReceiveOutcome =
  { kind: "verified" } | { kind: "stored"; job: LeadSyncJob } | { kind: "refused"; status: 400 | 415; code: string; message: string };

/** jsonb holds neither NUL nor a lone UTF-16 surrogate: each name and value is repaired as the CRM webhook's are. */
function storable(value: unknown, repairs: Repairs): unknown {
  if (typeof value === "string") return cleanText(value, repairs);
  if (Array.isArray(value)) return value.map((v) => storable(v, repairs));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([name, v]) => [cleanText(name, repairs), storable(v, repairs)]));
  }
  return value;
}

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
  const repairs = noRepairs();
  const leads: StoredItem[] = parsed.leads.map((lead) => ({
    fields: storable(redactFields(lead.fields), repairs) as Record<string, unknown>,
    ...(lead.problem ? { problem: lead.problem } : {}),
  }));
  const job = await storeJob({
    connector: input.connector,
    contentType: input.contentType,
    query: redactQuery(cleanQuery(input.query, repairs)),
    body: cleanText(redactBody(input.raw).body, repairs),
    leads,
    refusal: input.connector.enabled ? undefined : "The sync was disabled when this delivery arrived; enable it, then retry the job.",
  });
  return { kind: "stored", job };
}
