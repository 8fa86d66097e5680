import "server-only";
import type { NewTaskRow } from "@/lib/calls/create";
import { CREATE_TASKS_SQL } from "@/lib/calls/writes";
import { pool } from "@/lib/db";
import { groupWriter } from "@/lib/db/group-writer";
import type { ScheduleParams } from "@/lib/schedule/types";
import type { LeadOutcomeStatus } from "@/lib/webhook/outcome";

type TaskRow = NewTaskRow;

/** One lead of a delivery as planned before anything is written. */
export type PlannedLead = {
  id: string;
  crmLeadId: string | null;
  eventId: string | null;
} &
  /** Refused on its own data, not a call trigger, or a replay of a request already received. */
  (
    | { kind: "refused"; status: "rejected" | "ignored" | "duplicate"; reason: string }
    /** A new call unless one is open under its dedupe key; it wakes at its first attempt, or at `fallbackAt` if another lead of the delivery reads the CRM first. */
    | { kind: "call"; dedupeKey: string; task: TaskRow; fallbackAt: Date | null }
    /** A second lead of this delivery with a key already planned: it shares that lead's call. */
    | { kind: "repeat"; dedupeKey: string }
  );

export type DeliveryRow = {
  id: string;
  orgId: string;
  agentId: string;
  crm: string;
  contentType: string | null;
  eventType: string | null;
  query: Record<string, string>;
  body: string;
  bodyBytes: number;
  notes: string | null;
  /** The schedule every call of the delivery is planned with. */
  scheduleParams: ScheduleParams;
};

export type StoredLead = { status: LeadOutcomeStatus; reason: string | null; callId: string | null; nextAttemptAt: Date | null };

type PlannedDelivery = { delivery: DeliveryRow; leads: PlannedLead[]; statusByAccepted: string[] };

// A call's own columns. Those it shares with its lead or delivery (org, agent, delivery, CRM, lead id, dedupe key and
// schedule) travel once, with the lead or the delivery: the statement's JSON is most of what Postgres parses per lead.
const callColumns = (t: TaskRow) => ({
  id: t.id,
  status: t.status,
  phone: t.phone,
  lead_name: t.leadName,
  variables: t.variables,
  timezone: t.timezone,
  max_attempts: t.maxAttempts,
  next_attempt_at: t.nextAttemptAt,
  next_attempt_reason: t.nextAttemptReason,
  lead_fields: t.leadFields,
  created_at: t.createdAt,
});

/**
 * Deliveries, each lead's fate, the new call tasks and their wake-ups in one statement: one round trip and one
 * implicit transaction for a whole flight of deliveries, all committed or none. The tasks are written by the engine's
 * own task-creation write (CREATE_TASKS_SQL in lib/calls/writes.ts) over this flight's `new_task` rows: a lead whose
 * key has an open call gets that call back as a duplicate, and in each delivery the first new resolving task wakes at
 * once to read the whole delivery from the CRM, the others only at their fallback time. $3 is a duplicate's reason;
 * $4 maps each delivery to its status by how many of its calls turn out new, so the rule stays in deliveryStatus()
 * while the split is only known in here.
 */
const STATEMENT = `
WITH delivery_in AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS d(id text, org_id text, agent_id text, crm "CrmType", content_type text, event_type text,
    query jsonb, body text, body_bytes int, notes text, schedule_params jsonb)
),
lead AS (
  SELECT l.*, d.org_id, d.agent_id, d.crm, d.schedule_params
  FROM jsonb_to_recordset($2::jsonb) AS l(ord int, delivery_id text, id text, crm_lead_id text, event_id text, status text, reason text,
    dedupe_key text, call jsonb, fallback_at timestamptz)
  JOIN delivery_in d ON d.id = l.delivery_id
),
new_task AS (
  SELECT r.id, l.org_id, l.agent_id, r.status, l.crm::text AS source, r.phone, r.lead_name, l.crm_lead_id, r.variables, l.schedule_params,
    r.timezone, r.max_attempts, r.next_attempt_at, r.next_attempt_reason, NULL::text AS idempotency_key, l.dedupe_key, l.delivery_id,
    r.lead_fields, r.created_at, l.fallback_at, l.delivery_id AS wake_group, l.ord
  FROM lead l, jsonb_to_record(l.call) AS r(id text, status "CallStatus", phone text, lead_name text, variables jsonb, timezone text,
    max_attempts int, next_attempt_at timestamptz, next_attempt_reason jsonb, lead_fields jsonb, created_at timestamptz)
  WHERE l.call IS NOT NULL
),${CREATE_TASKS_SQL},
outcome AS (
  SELECT l.ord, l.delivery_id, l.id, l.crm_lead_id, l.event_id, t.id AS call_id, t.next_attempt_at,
    CASE WHEN l.dedupe_key IS NULL THEN l.status WHEN t.id = l.call->>'id' THEN 'accepted' ELSE 'duplicate' END AS status,
    CASE WHEN l.dedupe_key IS NULL THEN l.reason WHEN t.id = l.call->>'id' THEN NULL ELSE $3 END AS reason
  FROM lead l LEFT JOIN task t ON t.agent_id = l.agent_id AND t.active_dedupe_key = l.dedupe_key
),
fate AS (
  INSERT INTO delivery_leads (id, delivery_id, crm_lead_id, event_id, status, reason, call_task_id)
  SELECT o.id, o.delivery_id, o.crm_lead_id, o.event_id, o.status, o.reason, o.call_id FROM outcome o
),
counts AS (
  SELECT delivery_id, count(*) FILTER (WHERE status = 'accepted') AS accepted, count(*) FILTER (WHERE status = 'duplicate') AS duplicates,
    count(*) FILTER (WHERE status = 'rejected') AS rejected
  FROM outcome GROUP BY delivery_id
),
delivery AS (
  INSERT INTO deliveries (id, org_id, agent_id, crm, status, http_status, content_type, event_type, query, body, body_bytes, notes, accepted,
    duplicates, rejected)
  SELECT d.id, d.org_id, d.agent_id, d.crm, $4::jsonb -> d.id ->> coalesce(c.accepted, 0)::int, 200, d.content_type, d.event_type, d.query, d.body,
    d.body_bytes, d.notes, coalesce(c.accepted, 0), coalesce(c.duplicates, 0), coalesce(c.rejected, 0)
  FROM delivery_in d LEFT JOIN counts c ON c.delivery_id = d.id
)
SELECT o.delivery_id, o.status, o.reason, o.call_id, o.next_attempt_at FROM outcome o ORDER BY o.delivery_id, o.ord`;

const DUPLICATE_REASON = "This lead already has an open call for this agent.";

async function writeDeliveries(flight: PlannedDelivery[]): Promise<StoredLead[][]> {
  const deliveries = flight.map(({ delivery: d }) => ({
    id: d.id,
    org_id: d.orgId,
    agent_id: d.agentId,
    crm: d.crm,
    content_type: d.contentType,
    event_type: d.eventType,
    query: d.query,
    body: d.body,
    body_bytes: d.bodyBytes,
    notes: d.notes ?? undefined,
    schedule_params: d.scheduleParams,
  }));
  // Absent fields read as NULL, so what is null is left out.
  const leads = flight.flatMap(({ delivery, leads }) =>
    leads.map((l, ord) => ({
      ord,
      delivery_id: delivery.id,
      id: l.id,
      crm_lead_id: l.crmLeadId ?? undefined,
      event_id: l.eventId ?? undefined,
      ...(l.kind === "refused" ? { status: l.status, reason: l.reason } : { dedupe_key: l.dedupeKey }),
      ...(l.kind === "call" ? { call: callColumns(l.task), fallback_at: l.fallbackAt ?? undefined } : {}),
    })),
  );
  const statusByAccepted = Object.fromEntries(flight.map((p) => [p.delivery.id, p.statusByAccepted]));
  const { rows } = await pool().query<{
    delivery_id: string;
    status: LeadOutcomeStatus;
    reason: string | null;
    call_id: string | null;
    next_attempt_at: Date | null;
  }>({
    // Named, so each pooled connection parses and plans the statement once.
    name: "store-deliveries",
    text: STATEMENT,
    values: [JSON.stringify(deliveries), JSON.stringify(leads), DUPLICATE_REASON, JSON.stringify(statusByAccepted)],
  });
  const byDelivery = new Map<string, StoredLead[]>(flight.map((p) => [p.delivery.id, []]));
  for (const r of rows)
    byDelivery.get(r.delivery_id)!.push({ status: r.status, reason: r.reason, callId: r.call_id, nextAttemptAt: r.next_attempt_at });
  return flight.map((p) => byDelivery.get(p.delivery.id)!);
}

/**
 * Writes a planned delivery, durably, sharing a statement with deliveries that arrive meanwhile. `statusByAccepted[n]`
 * is the delivery's status when n of its calls turn out new (the rest being duplicates). One flight at a time: what
 * arrives while it commits waits for the next, so under load each statement carries more deliveries, and Postgres's
 * cost per lead (and the server's) falls; 2 flights measured 0.76–0.80 of the bare route, 1 flight 0.83–0.84. 64
 * deliveries bound a flight's statement.
 */
export const storeDelivery = groupWriter<PlannedDelivery, StoredLead[]>({
  write: writeDeliveries,
  keys: ({ delivery, leads }) => leads.flatMap((l) => (l.kind === "refused" ? [] : [`${delivery.agentId} ${l.dedupeKey}`])),
  maxFlights: 1,
  maxItems: 64,
});
