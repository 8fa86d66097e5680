// The fixtures of the write-back tests (outcomes, call content): the fake CRMs, two "processes", a seeded call and
// its settles.
import pg from "pg";
import { afterAll, beforeAll, beforeEach, expect } from "vitest";
import { createFakeHubSpot, FAKE_HUBSPOT_CONTACTS, FAKE_HUBSPOT_TOKEN } from "@/e2e/support/fakes/hubspot";
import { createFakeLeadSquared, FAKE_LSQ_ACCESS_KEY, FAKE_LSQ_LEADS, FAKE_LSQ_SECRET_KEY } from "@/e2e/support/fakes/leadsquared";
import { settleTasks } from "@/lib/calls/writes";
import { encryptSecret } from "@/lib/crypto/secrets";
import { db } from "@/lib/db";
import type { AfterAttempt } from "@/lib/calls/state";
import type { CallOutcome } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import { freePort } from "@/scripts/postgres";
import { createAgentRow } from "@/test/call-fixtures";
import { truncateAll } from "@/test/databases";
import { createOrg } from "@/test/factories";
import { WRITE_BACK_OFF, type WriteBackSettings } from "./settings";

// Each "process" its own pool: nothing in memory is shared, only Postgres.
export let processA: pg.Pool;
export let processB: pg.Pool;
export const lsq = createFakeLeadSquared();
export const hubspot = createFakeHubSpot();
const hubspotPort = await freePort();
process.env.HUBSPOT_API_BASE_URL = `http://127.0.0.1:${hubspotPort}`;

/** Starts the fakes and the two pools for a test file; before each test, empties the database and what the fakes recorded. */
export function withWriteBackFakes() {
  beforeAll(async () => {
    processA = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
    processB = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
    await lsq.start();
    await hubspot.start(hubspotPort);
  });
  afterAll(async () => {
    await processA.end();
    await processB.end();
    await lsq.stop();
    await hubspot.stop();
  });
  beforeEach(async () => {
    await truncateAll(process.env.DATABASE_URL!);
    for (const list of [lsq.requests, lsq.activities, lsq.leadUpdates, hubspot.requests, hubspot.calls]) list.length = 0;
  });
}

export const LEAD = String(FAKE_LSQ_LEADS[0]!.ProspectID);
export const CONTACT = FAKE_HUBSPOT_CONTACTS[0]!.id;
export const DIALED = new Date("2030-01-07T05:00:00Z");
export const ENDED = new Date("2030-01-07T05:01:35Z");

/** An organisation connected to `crm` (the fake's account), an agent with these write-back settings, and a call on the line. */
export async function seed(
  crm: "leadsquared" | "hubspot",
  settings: Partial<WriteBackSettings>,
  opts: { maxAttempts?: number; leadId?: string } = {},
) {
  const { organization } = await createOrg();
  const orgId = organization.id;
  const secrets =
    crm === "leadsquared" ? { accessKey: FAKE_LSQ_ACCESS_KEY, secretKey: FAKE_LSQ_SECRET_KEY } : { token: FAKE_HUBSPOT_TOKEN };
  const integration = await db.integration.create({
    data: {
      id: newId("int"),
      orgId,
      crm,
      config: crm === "leadsquared" ? { host: lsq.baseUrl } : { portalId: hubspot.hubId },
      secrets: encryptSecret(JSON.stringify(secrets), process.env.LEADLINE_ENCRYPTION_KEY!),
    },
  });
  const agent = await createAgentRow(orgId);
  await db.agent.update({ where: { id: agent.id }, data: { writeBack: { ...WRITE_BACK_OFF, ...settings } } });
  const task = await db.callTask.create({
    data: {
      id: newId("call"),
      orgId,
      agentId: agent.id,
      status: "in_progress",
      source: crm,
      phone: "+919876500301",
      crmLeadId: opts.leadId ?? (crm === "leadsquared" ? LEAD : CONTACT),
      variables: {},
      scheduleParams: {},
      timezone: "Asia/Kolkata",
      maxAttempts: opts.maxAttempts ?? 2,
    },
  });
  return { orgId, agent, task, integration };
}

export type Seeded = Awaited<ReturnType<typeof seed>>;

/** Settles the task past its attempt `number`, as read now, as `decision` says; the ids of the tasks that moved (none, or it). */
export const settleOne = async (s: Seeded, number: number, decision: AfterAttempt) =>
  settleTasks(
    [
      {
        task: await db.callTask.findUniqueOrThrow({ where: { id: s.task.id } }),
        ended: await db.callAttempt.findUniqueOrThrow({ where: { taskId_number: { taskId: s.task.id, number } } }),
        decision,
      },
    ],
    new Date(),
  );

/** An attempt ends with `outcome` and its task settles: a retry follows unless `final`. */
export async function endAndSettle(s: Seeded, number: number, outcome: CallOutcome, final: boolean) {
  const attempt = await db.callAttempt.create({
    data: {
      id: newId("att"),
      taskId: s.task.id,
      agentId: s.agent.id,
      number,
      status: "ended",
      scheduledAt: DIALED,
      reason: {},
      dialedAt: DIALED,
      endedAt: ENDED,
      provider: "simulator",
      providerCallId: `sim_${number}_${s.task.id}`,
      outcome,
      outcomeDetail: outcome === "no_answer" ? "customer-did-not-answer" : null,
      variablesSent: {},
    },
  });
  await db.callTask.update({ where: { id: s.task.id }, data: { status: "in_progress", attemptsMade: number } });
  const settled = await settleOne(
    s,
    number,
    final
      ? { kind: "finish", status: outcome === "completed" ? "completed" : "failed", why: "done" }
      : { kind: "retry", at: new Date(Date.now() + 3_600_000), reason: { kind: "retry" } as never },
  );
  expect(settled).toEqual([s.task.id]);
  return attempt;
}

/** Every queued CRM write, oldest first. */
export const writes = () => db.crmWrite.findMany({ orderBy: [{ createdAt: "asc" }, { kind: "asc" }] });
