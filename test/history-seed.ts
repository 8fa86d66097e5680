import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

const FIRST = [
  "Meera",
  "Arjun",
  "Priya",
  "Rahul",
  "Ananya",
  "Vikram",
  "Kavya",
  "Rohan",
  "Isha",
  "Karan",
  "Neha",
  "Aditya",
  "Sneha",
  "Dev",
  "Pooja",
  "Nikhil",
  "Riya",
  "Sahil",
  "Tara",
  "Yash",
];
const LAST = [
  "Iyer",
  "Sharma",
  "Patel",
  "Reddy",
  "Nair",
  "Gupta",
  "Khan",
  "Das",
  "Menon",
  "Joshi",
  "Rao",
  "Singh",
  "Bose",
  "Kapoor",
  "Pillai",
];

/**
 * `count` synthetic calls for one organisation in a single INSERT … SELECT generate_series (a million in seconds):
 * newest at `newest`, one every `spacingSeconds` before it, agents, CRMs, statuses and outcomes in rotation.
 * Names are "<first> <last>"; phones +9198<8 digits of the row number>; LeadSquared ids a uuid, HubSpot ids numeric.
 */
export async function seedSyntheticCalls(opts: {
  orgId: string;
  agentIds: string[];
  count: number;
  newest: Date;
  spacingSeconds: number;
  idPrefix: string;
  withAttempts?: boolean;
}) {
  const agents = opts.agentIds;
  await db.$executeRaw(Prisma.sql`
    INSERT INTO call_tasks (id, org_id, agent_id, status, source, phone, lead_name, crm_lead_id, variables, schedule_params, timezone,
      max_attempts, attempts_made, next_attempt_at, next_attempt_reason, last_outcome, created_at, updated_at, finished_at)
    SELECT ${opts.idPrefix} || '_' || lpad(i::text, 9, '0'), ${opts.orgId}, (${agents}::text[])[1 + i % ${agents.length}],
      (ARRAY['completed','completed','completed','completed','failed','failed','scheduled','cancelled','completed','failed'])[1 + i % 10]::"CallStatus",
      (ARRAY['leadsquared','hubspot','api'])[1 + i % 3],
      '+9198' || lpad(i::text, 8, '0'),
      (${FIRST}::text[])[1 + i % ${FIRST.length}] || ' ' || (${LAST}::text[])[1 + (i / ${FIRST.length}) % ${LAST.length}],
      CASE i % 3 WHEN 0 THEN md5(${opts.idPrefix} || i)::uuid::text WHEN 1 THEN (100000000 + i)::text END,
      '{}'::jsonb, '{}'::jsonb, 'Asia/Kolkata', 3, CASE WHEN i % 10 IN (6, 7) THEN 0 ELSE 1 + i % 3 END,
      CASE WHEN i % 10 = 6 THEN ${opts.newest}::timestamptz + interval '1 hour' END, NULL,
      (CASE WHEN i % 10 IN (0,1,2,3,8) THEN 'completed' WHEN i % 10 IN (4,5,9) THEN (ARRAY['no_answer','busy','voicemail','failed'])[1 + i % 4] END)::"CallOutcome",
      ${opts.newest}::timestamptz - make_interval(secs => i * ${opts.spacingSeconds}::float8), now(),
      CASE WHEN i % 10 NOT IN (6) THEN ${opts.newest}::timestamptz - make_interval(secs => i * ${opts.spacingSeconds}::float8) + interval '5 minutes' END
    FROM generate_series(0, ${opts.count - 1}) AS i`);
  if (!opts.withAttempts) return;
  await db.$executeRaw(Prisma.sql`
    INSERT INTO call_attempts (id, task_id, agent_id, number, status, scheduled_at, reason, dialed_at, ended_at, provider, provider_call_id, outcome, variables_sent, created_at)
    SELECT 'att_' || t.id, t.id, t.agent_id, 1, 'ended', t.created_at, '{"kind":"immediate"}'::jsonb, t.created_at, t.created_at + interval '1 minute',
      'simulator', 'sim_' || t.id, t.last_outcome, '{}'::jsonb, t.created_at
    FROM call_tasks t WHERE t.org_id = ${opts.orgId} AND t.last_outcome IS NOT NULL`);
}

/**
 * `count` synthetic webhook deliveries for one organisation, newest at `newest`, one every `spacingSeconds` before it:
 * agents and CRMs in rotation, mostly accepted, with a rejected lead (and its reason) on every tenth and a rare error.
 */
export async function seedSyntheticDeliveries(opts: {
  orgId: string;
  agentIds: string[];
  count: number;
  newest: Date;
  spacingSeconds: number;
  idPrefix: string;
}) {
  const agents = opts.agentIds;
  await db.$executeRaw(Prisma.sql`
    INSERT INTO deliveries (id, org_id, agent_id, crm, status, http_status, content_type, event_type, query, body, body_bytes, accepted, duplicates, rejected, created_at)
    SELECT ${opts.idPrefix} || '_' || lpad(i::text, 9, '0'), ${opts.orgId}, (${agents}::text[])[1 + i % ${agents.length}],
      (ARRAY['leadsquared','hubspot'])[1 + i % 2]::"CrmType",
      CASE WHEN i % 1000 = 999 THEN 'error' WHEN i % 10 = 9 THEN 'rejected' WHEN i % 10 = 8 THEN 'duplicate' ELSE 'accepted' END,
      CASE WHEN i % 1000 = 999 THEN 401 ELSE 200 END, 'application/json', 'Lead Created', '{"type":"leadsquared"}'::jsonb,
      '{"ProspectID":"' || i || '"}', 24, CASE WHEN i % 10 < 8 THEN 1 ELSE 0 END, CASE WHEN i % 10 = 8 THEN 1 ELSE 0 END,
      CASE WHEN i % 10 = 9 THEN 1 ELSE 0 END, ${opts.newest}::timestamptz - make_interval(secs => i * ${opts.spacingSeconds}::float8)
    FROM generate_series(0, ${opts.count - 1}) AS i`);
  await db.$executeRaw(Prisma.sql`
    INSERT INTO delivery_leads (id, delivery_id, crm_lead_id, status, reason)
    SELECT 'lead_' || d.id, d.id, 'p-' || d.id, d.status, CASE WHEN d.status = 'rejected' THEN 'The lead has no usable phone number.' END
    FROM deliveries d WHERE d.org_id = ${opts.orgId} AND d.status <> 'error'`);
}
