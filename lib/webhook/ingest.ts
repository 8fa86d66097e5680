import "server-only";
import { newCallTaskRow } from "@/lib/calls/create";
import { leadNameOf } from "@/lib/calls/lead-name";
import { db } from "@/lib/db";
import type { Agent, AgentVariable, CrmType, Prisma } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import type { CallDriver } from "@/lib/calls/driver";
import { handOverIfDue } from "@/lib/calls/wakeups";
import { effectiveZone } from "@/lib/schedule/planner";
import type { ScheduleParams } from "@/lib/schedule/types";
import { lookupField, missingFields, resolveVariables } from "@/lib/variables/map";
import { toVariable } from "@/lib/variables/queries";
import { cleanText, noRepairs } from "@/lib/webhook/clean-text";
import { deliveryStatus } from "@/lib/webhook/delivery-status";
import type { DeliveryOutcome, LeadOutcome } from "@/lib/webhook/outcome";
import { redactFields } from "@/lib/redact";
import { storeDelivery, type PlannedLead } from "@/lib/webhook/store";

export type IncomingLead = {
  crmLeadId: string | null;
  eventId?: string;
  /** HubSpot's account, which scopes its eventIds. */
  portalId?: string;
  dedupeKey: string;
  /** The lead's fields as the CRM posted them (none for HubSpot). */
  fields: Record<string, unknown>;
  /** Set for events that are not call triggers; acknowledged and logged, nothing scheduled. */
  ignoredReason?: string;
  /** Set for a lead refused on its own data: unreadable, over a limit, or marked do-not-call in the CRM. */
  rejectedReason?: string;
  /** Set for an event of a request already received (a HubSpot replay): answered as a duplicate, nothing scheduled. */
  replayReason?: string;
};

export type StoredRequest = {
  contentType: string | null;
  eventType: string | null;
  query: Record<string, string>;
  body: string;
  bodyBytes: number;
  /** What was repaired or dropped before storing, or null. */
  notes: string | null;
};

export type IngestInput = {
  orgId: string;
  agent: Agent & { variables: AgentVariable[] };
  crm: CrmType;
  params: ScheduleParams;
  fallbackZone: string;
  defaultCountryCode: string;
  /** Whether the CRM's API can be asked for what the body lacks (the organisation connected the CRM). */
  canLookUp: boolean;
  receivedAt: Date;
  leads: IncomingLead[];
  request: StoredRequest;
};

const RESOLVE_FALLBACK_MS = 5_000;
const REFUSED_STATUS = { ignore: "ignored", reject: "rejected", replay: "duplicate" } as const;

type Plan =
  { kind: "ignore" | "reject" | "replay"; reason: string } | { kind: "accept"; phone: string | null; values: Record<string, string> };

/** What to do with one lead before anything is written: call now, read it from the CRM first, or refuse it. */
function planLead(input: IngestInput, zone: string, lead: IncomingLead): Plan {
  if (lead.replayReason) return { kind: "replay", reason: lead.replayReason };
  if (lead.ignoredReason) return { kind: "ignore", reason: lead.ignoredReason };
  if (lead.rejectedReason) return { kind: "reject", reason: lead.rejectedReason };
  const variables = input.agent.variables.map(toVariable);
  // Dates are read in the call's own zone, as when the lead is read from the CRM later (lib/calls/resolve).
  const resolved = resolveVariables({
    lead: lead.fields,
    variables,
    defaultCountryCode: input.defaultCountryCode,
    phoneVariable: input.agent.phoneVariable,
    source: input.crm,
    timeZone: zone,
  });
  const lacking = input.crm === "hubspot" || missingFields({ lead: lead.fields, variables, source: input.crm }).length > 0;
  if (resolved.phone && !lacking) return { kind: "accept", phone: resolved.phone, values: resolved.values };
  // A phone the body holds but that cannot be dialled is final: the CRM's API would answer the same value.
  const posted = resolved.fields.find((f) => f.name === (input.agent.phoneVariable ?? "phone"));
  if (!resolved.phone && posted && lookupField(lead.fields, posted.field).found)
    return { kind: "reject", reason: posted.reason ?? "The lead has no usable phone number." };
  if (lacking && input.canLookUp && lead.crmLeadId) return { kind: "accept", phone: null, values: {} };
  if (resolved.phone) return { kind: "accept", phone: resolved.phone, values: resolved.values };
  const problem = resolved.problems.find((p) => p.blocking)?.message ?? "The lead has no usable phone number.";
  const hint = input.crm === "hubspot" && !input.canLookUp ? " Connect HubSpot under Integrations so Leadline can read the contact." : "";
  return { kind: "reject", reason: `${problem}${hint}` };
}

/** Each lead's plan as rows to write: refused, a new call (unless its key turns out open), or a repeat within this delivery. */
function plannedLeads(input: IngestInput, deliveryId: string): PlannedLead[] {
  const planned = new Set<string>();
  const zone = effectiveZone(input.params, input.fallbackZone);
  return input.leads.map((lead) => {
    // Ids and reasons echo what the CRM sent; the read path repairs them already, this keeps every column safe.
    const repairs = noRepairs();
    const text = (value: string | null | undefined) => (value == null ? null : cleanText(value, repairs));
    const base = { id: newId("lead"), crmLeadId: text(lead.crmLeadId), eventId: text(lead.eventId) };
    const plan = planLead(input, zone, lead);
    if (plan.kind !== "accept") return { ...base, kind: "refused", status: REFUSED_STATUS[plan.kind], reason: text(plan.reason)! };
    if (planned.has(lead.dedupeKey)) return { ...base, kind: "repeat", dedupeKey: lead.dedupeKey };
    planned.add(lead.dedupeKey);
    const row = newCallTaskRow({
      orgId: input.orgId,
      agent: input.agent,
      source: input.crm,
      phone: plan.phone,
      crmLeadId: base.crmLeadId,
      leadName: leadNameOf(plan.values, lead.fields),
      variables: plan.values,
      params: input.params,
      fallbackZone: input.fallbackZone,
      receivedAt: input.receivedAt,
      dedupeKey: lead.dedupeKey,
      deliveryId,
      leadFields: redactFields(lead.fields),
    });
    // The first new task that reads from the CRM reads the whole delivery in one batch; the others wake later only as a fallback.
    const fallbackAt = plan.phone === null ? new Date(input.receivedAt.getTime() + RESOLVE_FALLBACK_MS) : null;
    return { ...base, kind: "call", dedupeKey: lead.dedupeKey, task: row, fallbackAt };
  });
}

/**
 * Stores the delivery, each lead's fate and the call tasks with their wake-ups in one statement (lib/webhook/store.ts):
 * nothing is answered 2xx before it is durable, and a CRM's concurrent retries of one lead find its open call. Calls
 * due now are handed to the driver before the answer; later ones wait in the outbox, which costs the burst nothing.
 */
export async function ingestDelivery(driver: CallDriver | undefined, input: IngestInput): Promise<DeliveryOutcome> {
  const deliveryId = newId("dlv");
  const leads = plannedLeads(input, deliveryId);
  const calls = leads.filter((l) => l.kind !== "refused").length;
  const rejected = leads.filter((l) => l.kind === "refused" && l.status === "rejected").length;
  const replays = leads.filter((l) => l.kind === "refused" && l.status === "duplicate").length;
  const stored = await storeDelivery({
    delivery: {
      id: deliveryId,
      orgId: input.orgId,
      agentId: input.agent.id,
      crm: input.crm,
      scheduleParams: input.params,
      ...input.request,
    },
    leads,
    statusByAccepted: Array.from({ length: calls + 1 }, (_, accepted) =>
      deliveryStatus({ accepted, duplicates: calls - accepted + replays, rejected }),
    ),
  });
  const outcome: LeadOutcome[] = leads.map((lead, i) => {
    const s = stored[i]!;
    const showsTime = s.nextAttemptAt && (s.status === "duplicate" || (s.status === "accepted" && lead.kind === "call" && lead.task.phone));
    return {
      crmId: lead.crmLeadId,
      ...(lead.eventId ? { eventId: lead.eventId } : {}),
      status: s.status,
      ...(s.reason ? { reason: s.reason } : {}),
      ...(s.callId ? { callId: s.callId } : {}),
      ...(showsTime ? { firstAttemptAt: s.nextAttemptAt!.toISOString() } : {}),
    };
  });
  await handOverIfDue(
    driver,
    leads.flatMap((l, i) => (l.kind === "call" && outcome[i]!.status === "accepted" ? [l.task.nextAttemptAt] : [])),
  );
  return { deliveryId, leads: outcome };
}

export function storedRequest(r: StoredRequest) {
  return {
    contentType: r.contentType,
    eventType: r.eventType,
    query: r.query as Prisma.InputJsonValue,
    body: r.body,
    bodyBytes: r.bodyBytes,
    notes: r.notes,
  };
}

/** Logs a request refused as a whole (bad parameters, bad body) under the organisation whose key it carried. */
export async function recordRefusedDelivery(input: {
  orgId: string;
  agentId: string | null;
  crm: CrmType | null;
  httpStatus: number;
  code: string;
  message: string;
  request: StoredRequest;
}) {
  await db.delivery.create({
    data: {
      id: newId("dlv"),
      orgId: input.orgId,
      agentId: input.agentId,
      crm: input.crm,
      status: "error",
      httpStatus: input.httpStatus,
      errorCode: input.code,
      errorMessage: input.message,
      ...storedRequest(input.request),
    },
  });
}
