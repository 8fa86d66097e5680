import "server-only";
import { createCallTask } from "@/lib/calls/create";
import { db } from "@/lib/db";
import type { Agent, AgentVariable, CrmType, Prisma } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import type { JobDriver } from "@/lib/jobs/driver";
import type { ScheduleParams } from "@/lib/schedule/types";
import { missingFields, resolveVariables } from "@/lib/variables/map";
import { toVariable } from "@/lib/variables/queries";
import { deliveryStatus } from "@/lib/webhook/delivery-status";
import type { DeliveryOutcome, LeadOutcome } from "@/lib/webhook/outcome";

export type IncomingLead = {
  crmLeadId: string | null;
  eventId?: string;
  dedupeKey: string;
  /** The lead's fields as the CRM posted them (none for HubSpot). */
  fields: Record<string, unknown>;
  /** Set for events that are not call triggers; acknowledged and logged, nothing scheduled. */
  ignoredReason?: string;
  /** Set for an event that could not be read at all. */
  rejectedReason?: string;
};

export type StoredRequest = { contentType: string | null; eventType: string | null; query: Record<string, string>; body: string; bodyBytes: number };

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

type Plan = { kind: "ignore" | "reject"; reason: string } | { kind: "accept"; phone: string | null; values: Record<string, string> };

/** What to do with one lead before anything is written: call now, read it from the CRM first, or refuse it. */
function planLead(input: IngestInput, lead: IncomingLead): Plan {
  if (lead.ignoredReason) return { kind: "ignore", reason: lead.ignoredReason };
  if (lead.rejectedReason) return { kind: "reject", reason: lead.rejectedReason };
  const variables = input.agent.variables.map(toVariable);
  const resolved = resolveVariables({ lead: lead.fields, variables, defaultCountryCode: input.defaultCountryCode, phoneVariable: input.agent.phoneVariable, source: input.crm });
  const lacking = input.crm === "hubspot" || missingFields({ lead: lead.fields, variables, source: input.crm }).length > 0;
  if (resolved.phone && !lacking) return { kind: "accept", phone: resolved.phone, values: resolved.values };
  if (lacking && input.canLookUp && lead.crmLeadId) return { kind: "accept", phone: null, values: {} };
  if (resolved.phone) return { kind: "accept", phone: resolved.phone, values: resolved.values };
  const problem = resolved.problems.find((p) => p.blocking)?.message ?? "The lead has no usable phone number.";
  const hint = input.crm === "hubspot" && !input.canLookUp ? " Connect HubSpot under Integrations so Leadline can read the contact." : "";
  return { kind: "reject", reason: `${problem}${hint}` };
}

/**
 * Stores the delivery, each lead's fate and the call tasks in one transaction, and hands the tasks to the job driver
 * in it: nothing is answered 2xx before it is durable. A per-lead advisory lock makes concurrent retries of the same
 * lead (a CRM's retry storm) find the first one's open call and record a duplicate.
 */
export async function ingestDelivery(driver: JobDriver, input: IngestInput): Promise<DeliveryOutcome> {
  const deliveryId = newId("dlv");
  const plans = input.leads.map((lead) => ({ lead, plan: planLead(input, lead) }));
  const { outcome, created } = await db.$transaction(async (tx) => {
    await tx.delivery.create({ data: { id: deliveryId, orgId: input.orgId, agentId: input.agent.id, crm: input.crm, status: "accepted", httpStatus: 200, ...storedRequest(input.request) } });
    const leads: LeadOutcome[] = [];
    const created: Array<{ taskId: string; agentId: string; fromAttempt: number }> = [];
    let resolving = 0;
    for (const { lead, plan } of plans) {
      const base = { crmId: lead.crmLeadId, ...(lead.eventId ? { eventId: lead.eventId } : {}) };
      let result: LeadOutcome;
      if (plan.kind !== "accept") {
        result = { ...base, status: plan.kind === "ignore" ? "ignored" : "rejected", reason: plan.reason };
      } else {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${lead.dedupeKey}, 0))`;
        const open = await tx.callTask.findFirst({ where: { agentId: input.agent.id, activeDedupeKey: lead.dedupeKey }, select: { id: true, nextAttemptAt: true } });
        if (open) {
          result = { ...base, status: "duplicate", callId: open.id, reason: "This lead already has an open call for this agent.", ...(open.nextAttemptAt ? { firstAttemptAt: open.nextAttemptAt.toISOString() } : {}) };
        } else {
          const task = await createCallTask(tx, driver, {
            orgId: input.orgId, agent: input.agent, source: input.crm, phone: plan.phone, crmLeadId: lead.crmLeadId,
            leadName: plan.values.name ?? null, variables: plan.values, params: input.params, fallbackZone: input.fallbackZone,
            receivedAt: input.receivedAt, dedupeKey: lead.dedupeKey, deliveryId, leadFields: lead.fields,
            // The first lead to read from the CRM reads the whole delivery in one batch; the others wake later only as a fallback.
            ...(plan.phone === null && resolving++ > 0 ? { wakeAt: new Date(input.receivedAt.getTime() + RESOLVE_FALLBACK_MS) } : {}),
          });
          created.push({ taskId: task.id, agentId: input.agent.id, fromAttempt: 1 });
          result = { ...base, status: "accepted", callId: task.id, ...(plan.phone ? { firstAttemptAt: task.nextAttemptAt!.toISOString() } : {}) };
        }
      }
      leads.push(result);
      await tx.deliveryLead.create({
        data: { id: newId("lead"), deliveryId, crmLeadId: lead.crmLeadId, eventId: lead.eventId ?? null, status: result.status, reason: result.reason ?? null, callTaskId: result.callId ?? null },
      });
    }
    const counts = { accepted: leads.filter((l) => l.status === "accepted").length, duplicates: leads.filter((l) => l.status === "duplicate").length, rejected: leads.filter((l) => l.status === "rejected").length };
    await tx.delivery.update({ where: { id: deliveryId }, data: { ...counts, status: deliveryStatus(counts) } });
    return { outcome: { deliveryId, leads }, created };
  });
  await driver.afterCommit(created);
  return outcome;
}

export function storedRequest(r: StoredRequest) {
  return { contentType: r.contentType, eventType: r.eventType, query: r.query as Prisma.InputJsonValue, body: r.body, bodyBytes: r.bodyBytes };
}

/** Logs a request refused as a whole (bad parameters, bad body) under the organisation whose key it carried. */
export async function recordRefusedDelivery(input: { orgId: string; agentId: string | null; crm: CrmType | null; httpStatus: number; code: string; message: string; request: StoredRequest }) {
  await db.delivery.create({
    data: {
      id: newId("dlv"), orgId: input.orgId, agentId: input.agentId, crm: input.crm, status: "error", httpStatus: input.httpStatus,
      errorCode: input.code, errorMessage: input.message, ...storedRequest(input.request),
    },
  });
}
