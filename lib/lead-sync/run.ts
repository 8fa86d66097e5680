import "server-only";
import { createLeadSquaredClient, CrmError, type LeadFieldDetail } from "@/lib/crm/leadsquared/client";
import { CRM_BUDGETS } from "@/lib/crm/rate-budget";
import { MAX_TRIES } from "@/lib/crm-writes/backoff";
import { WriteRefused } from "@/lib/crm-writes/errors";
import type { GiveUpHandler, WriteHandler } from "@/lib/crm-writes/types";
import { drainSoon } from "@/lib/crm-writes/outbox";
import { db, type Tx } from "@/lib/db";
import { Prisma, type LeadSyncConnector } from "@/lib/generated/prisma/client";
import type { DestinationField } from "./convert";
import { arrivingFingerprint } from "./echo";
import type { LeadSyncWritePayload } from "./enqueue";
import { noticeLeadSyncFailure } from "./notices";
import { destinationSecrets, sourceSecrets } from "./queries";
import type { StoredItem } from "./receive";
import { leadSyncConfigSchema, type LeadSyncConfig } from "./schema";
import { searchValue } from "./map-lead";
import { finishLead, planLead, settlePlan, writeSingle, type LeadPlan, type LeadResult } from "./sync-lead";
import { feedBulk, writeThroughBulk } from "./bulk-batcher";
import { chooseWriteMode } from "./write-mode";

/** Creates in flight in this process, by destination account and Search By value, until their write settles. */
const creating = new Map<string, Promise<void>>();

/** How long a write stays recognisable as an echo when it comes back through the opposite connector. */
export const ECHO_TTL_MS = 24 * 60 * 60_000;

const fieldMap = (fields: unknown): Map<string, DestinationField> =>
  new Map((fields as LeadFieldDetail[]).map((f) => [f.schemaName.toLowerCase(), f]));

/**
 * The `lead_sync` handler of the CRM write pipeline: syncs leads [from, to) of a job's run into the destination,
 * paced by the destination account's budget. Each lead's result is stored as soon as it is known, so a retried row
 * (429, 5xx, a crash) resumes after the last lead done. The last row of a run to finish settles the job.
 */
export const runLeadSyncWrite: WriteHandler = async (write, ctx) => {
  const { jobId, run, from, to } = write.payload as LeadSyncWritePayload;
  const job = await db.leadSyncJob.findFirst({ where: { id: jobId, orgId: write.orgId }, include: { connector: true } });
  if (!job || job.runs !== run) return { note: "superseded: the job was removed or retried since" };
  const { connector } = job;
  if (!connector.enabled) {
    await failJob(jobId, run, "The sync was disabled before this job ran; enable it, then retry the job.");
    return { note: "connector disabled" };
  }
  await db.leadSyncJob.updateMany({ where: { id: jobId, runs: run, status: "queued" }, data: { status: "running" } });
  const items = (job.leads as StoredItem[]).slice(from, to);
  const done = await resultsBefore(jobId, from, to);
  const deps = await syncDeps(connector, ctx.limiter(CRM_BUDGETS.leadSquared));
  const sourceFields = fieldMap(connector.sourceFields);
  const save = (position: number, result: LeadResult, failedBefore: boolean) =>
    saveResult({ jobId, orgId: job.orgId, connectorId: connector.id, position, run, result, failedBefore });
  try {
    const todo = items
      .map((item, i) => ({ item, position: from + i, before: done.get(from + i) }))
      // This run did it already (a resumed row), or an earlier run synced it: a retry re-runs failed leads only.
      .filter(({ before }) => !before || (before.run !== run && before.outcome === "failed"));
    // Leads that could share a bulk call: this row's, plus one per other lead_sync row of the account in the backlog.
    const modeInput = {
      writes: todo.length + (todo.length ? await otherRows(write.account, write.id) : 0),
      searchesPerLead: deps.config.secondarySearchBy ? 2 : 1,
      standard: CRM_BUDGETS.leadSquared,
      bulk: CRM_BUDGETS.leadSquaredBulk,
    };
    const mode = chooseWriteMode(modeInput);
    const bulkLimiter = ctx.limiter(CRM_BUDGETS.leadSquaredBulk);
    const bulkAccount = write.account ?? connector.id;
    type Planned = { position: number; plan: LeadPlan; failedBefore: boolean };
    // Two items that would create one lead in the destination (the same Search By value), in this row or in another
    // row this process runs (the next chunk of a delivery, another delivery): the later waits for the earlier's write
    // and searches again, so it updates the lead the earlier created instead of creating a twin.
    const keysOf = (plan: LeadPlan) => createKeys(plan, deps.config).map((key) => `${connector.destinationAccountId}\u0000${key}`);
    const track = (p: Planned, written: Promise<void>) => {
      const keys = keysOf(p.plan);
      for (const key of keys) creating.set(key, written);
      const forget = () => keys.forEach((key) => creating.get(key) === written && creating.delete(key));
      written.then(forget, forget);
      return written;
    };
    const writeOne = async (p: Planned) => {
      const bulk =
        mode === "bulk" && p.plan.write
          ? await writeThroughBulk({
              account: bulkAccount,
              client: deps.bulkClient,
              bulkLimiter,
              bulkWindowMs: CRM_BUDGETS.leadSquaredBulk.windowMs,
              worthBulk: (leads) => chooseWriteMode({ ...modeInput, writes: leads }) === "bulk",
              write: p.plan.write,
            })
          : { single: true as const };
      const written = "single" in bulk ? await patiently(() => writeSingle(p.plan, deps.destination)) : settlePlan(p.plan, bulk);
      await save(p.position, await finishLead(written, p.plan.source, deps), p.failedBefore);
    };
    // Each write starts as soon as its lead is searched, while later leads are still searched; a bulk write waits in
    // the account's bulk queue, whose next call carries every lead that became ready meanwhile.
    const writing: Promise<void>[] = [];
    const feeding = mode === "bulk" ? feedBulk(bulkAccount) : { idle: <T>(wait: Promise<T>) => wait, done: () => {} };
    try {
      for (const { item, position, before } of todo) {
        const failedBefore = before?.outcome === "failed";
        const early = item.problem
          ? failedItem(item.problem)
          : await echoOf(connector, item.fields, sourceFields, deps.config.defaultCountryCode);
        if (early) {
          await save(position, early, failedBefore);
          continue;
        }
        let plan = await patiently(() => planLead(item.fields, deps));
        const keys = keysOf(plan);
        if (keys.some((key) => creating.has(key))) {
          await feeding.idle(Promise.allSettled(keys.map((key) => creating.get(key))));
          plan = await patiently(() => planLead(item.fields, deps));
        }
        if (!plan.write) await save(position, await finishLead(plan.result, plan.source, deps), failedBefore);
        else {
          const planned = { position, plan, failedBefore };
          writing.push(track(planned, writeOne(planned)));
        }
      }
    } finally {
      feeding.done();
    }
    const failure = (await Promise.allSettled(writing)).find((r) => r.status === "rejected");
    if (failure) throw failure.reason;
  } catch (err) {
    const lastTry = write.tries >= MAX_TRIES;
    if (err instanceof CrmError && (!err.transient || lastTry)) {
      // Keys refused, a wrong host or a limit that never lifted: every lead not done fails with the reason.
      await failRest(job.orgId, connector.id, jobId, run, from, to, done, err.message);
      await settleJob(jobId, run);
      throw err.transient ? err : new WriteRefused(err.message);
    }
    throw err;
  }
  await settleJob(jobId, run);
  return { response: { jobId, run, leads: to - from } };
};

/**
 * The pipeline gave up on a row (out of tries, or its last try died with its process): the row's leads not done yet
 * fail with the reason, so the job ends and its Retry re-runs them. A no-op for a row of a job retried or removed since.
 */
export const giveUpLeadSyncWrite: GiveUpHandler = async (write, reason) => {
  const { jobId, run, from, to } = write.payload as LeadSyncWritePayload;
  const job = await db.leadSyncJob.findFirst({ where: { id: jobId, orgId: write.orgId }, select: { runs: true, connectorId: true } });
  if (!job || job.runs !== run) return;
  await failRest(write.orgId, job.connectorId, jobId, run, from, to, await resultsBefore(jobId, from, to), reason);
  await settleJob(jobId, run);
};

async function syncDeps(connector: LeadSyncConnector, limiter: ReturnType<Parameters<WriteHandler>[1]["limiter"]>) {
  const config = leadSyncConfigSchema.parse(connector.config);
  const secrets = await destinationSecrets(connector);
  const destination = createLeadSquaredClient({ baseUrl: connector.destinationHost, ...secrets, limiter });
  const source = createLeadSquaredClient({ baseUrl: connector.sourceHost, ...sourceSecrets(connector) });
  return {
    config,
    destination,
    destinationFields: fieldMap(connector.destinationFields),
    readSourceLead: (id: string) => source.getLead(id),
    /** The same account unpaced: the bulk queue paces it by the bulk budget. */
    bulkClient: createLeadSquaredClient({ baseUrl: connector.destinationHost, ...secrets }),
    findSyncedActivity: async (sourceActivityId: string) => {
      const row = await db.leadSyncResult.findFirst({
        where: { connectorId: connector.id, sourceActivityId, destinationActivityId: { not: null } },
        orderBy: { updatedAt: "desc" },
      });
      return row?.destinationActivityId ?? null;
    },
  };
}

/** The results a job's leads [from, to) already have, by position: what a run of this row skips or leaves alone. */
async function resultsBefore(jobId: string, from: number, to: number) {
  const rows = await db.leadSyncResult.findMany({ where: { jobId, position: { gte: from, lt: to } } });
  return new Map(rows.map((r) => [r.position, r]));
}

/** The Search By values a planned create would be found by once written (none for other plans). */
function createKeys(plan: LeadPlan, config: LeadSyncConfig): string[] {
  const write = plan.write;
  if (write?.kind !== "create") return [];
  return [config.searchBy, config.secondarySearchBy].flatMap((field) => {
    const value = field ? searchValue(write.attributes, field) : null;
    return field && value ? [`${field.toLowerCase()}=${value.trim().toLowerCase()}`] : [];
  });
}

// A 429 despite the shared budget (clocks and network jitter) waits here for LeadSquared's window, rather than sending
// the whole row to the pipeline's backoff; a limit that persists is left to the pipeline.
const RATE_LIMIT_WAITS = 3;

async function patiently<T>(call: () => Promise<T>): Promise<T> {
  for (let wait = 1; ; wait++) {
    try {
      return await call();
    } catch (err) {
      if (!(err instanceof CrmError) || err.kind !== "rate_limited" || wait > RATE_LIMIT_WAITS) throw err;
      await new Promise((r) => setTimeout(r, err.retryAfterMs ?? 5_000));
    }
  }
}

async function otherRows(account: string | null, id: string): Promise<number> {
  if (!account) return 0;
  return db.crmWrite.count({ where: { account, kind: "lead_sync", status: { in: ["pending", "running"] }, id: { not: id } } });
}

function failedItem(problem: string): LeadResult {
  return {
    outcome: "failed",
    sourceLeadId: null,
    destinationLeadId: null,
    searchField: null,
    searchValue: null,
    apiUrl: null,
    request: null,
    response: null,
    error: problem,
    activityOutcome: null,
    activityError: null,
    sourceActivityId: null,
    destinationActivityId: null,
    written: null,
  };
}

/** A lead this sync's opposite direction wrote, coming back with the values it wrote: skipped, so the pair settles. */
async function echoOf(
  connector: LeadSyncConnector,
  lead: Record<string, unknown>,
  sourceFields: Map<string, DestinationField>,
  defaultCountryCode: string,
): Promise<LeadResult | null> {
  const id = Object.entries(lead).find(([k]) => k.toLowerCase() === "prospectid")?.[1];
  if (typeof id !== "string" || !id) return null;
  const echoes = await db.leadSyncEcho.findMany({
    where: { accountId: connector.sourceAccountId, leadId: id, expiresAt: { gt: new Date() }, connectorId: { not: connector.id } },
  });
  const match = echoes.find(
    (e) => arrivingFingerprint({ lead, fields: e.fields, accountFields: sourceFields, defaultCountryCode }) === e.fingerprint,
  );
  if (!match) return null;
  return {
    ...failedItem(""),
    outcome: "skipped",
    sourceLeadId: id,
    error: `An echo: sync ${match.connectorId} wrote this lead with these values; not sent back`,
  };
}

async function saveResult(input: {
  jobId: string;
  orgId: string;
  connectorId: string;
  position: number;
  run: number;
  result: LeadResult;
  failedBefore: boolean;
}) {
  const { result } = input;
  const json = (v: unknown) => (v === null || v === undefined ? Prisma.DbNull : (v as Prisma.InputJsonValue));
  const data = {
    orgId: input.orgId,
    connectorId: input.connectorId,
    run: input.run,
    outcome: result.outcome,
    fixed: input.failedBefore && (result.outcome === "created" || result.outcome === "updated"),
    sourceLeadId: result.sourceLeadId,
    destinationLeadId: result.destinationLeadId,
    searchField: result.searchField,
    searchValue: result.searchValue,
    apiUrl: result.apiUrl,
    request: json(result.request),
    response: json(result.response),
    error: result.error,
    activityOutcome: result.activityOutcome,
    activityError: result.activityError,
    sourceActivityId: result.sourceActivityId,
    destinationActivityId: result.destinationActivityId,
    updatedAt: new Date(),
  };
  const connector = await db.leadSyncConnector.findUnique({ where: { id: input.connectorId }, select: { destinationAccountId: true } });
  await db.$transaction(async (tx) => {
    await tx.leadSyncResult.upsert({
      where: { jobId_position: { jobId: input.jobId, position: input.position } },
      create: { jobId: input.jobId, position: input.position, ...data },
      update: data,
    });
    if (result.written && connector) {
      const { leadId, fingerprint, fields } = result.written;
      const expiresAt = new Date(Date.now() + ECHO_TTL_MS);
      await tx.leadSyncEcho.upsert({
        where: { accountId_leadId_fingerprint: { accountId: connector.destinationAccountId, leadId, fingerprint } },
        create: { connectorId: input.connectorId, accountId: connector.destinationAccountId, leadId, fingerprint, fields, expiresAt },
        update: { expiresAt, connectorId: input.connectorId, fields },
      });
    }
  });
}

async function failRest(
  orgId: string,
  connectorId: string,
  jobId: string,
  run: number,
  from: number,
  to: number,
  done: Map<number, { run: number; outcome: string }>,
  reason: string,
) {
  const written = await db.leadSyncResult.findMany({ where: { jobId, run, position: { gte: from, lt: to } }, select: { position: true } });
  const now = new Set(written.map((r) => r.position));
  for (let position = from; position < to; position++) {
    const before = done.get(position);
    if (now.has(position) || (before && before.outcome !== "failed")) continue;
    await saveResult({ jobId, orgId, connectorId, position, run, result: failedItem(reason), failedBefore: false });
  }
}

async function failJob(jobId: string, run: number, reason: string) {
  await settleAndNotice(jobId, (tx) =>
    tx.leadSyncJob.updateMany({
      where: { id: jobId, runs: run, status: { in: ["queued", "running"] } },
      data: { status: "failed", error: reason, finishedAt: new Date() },
    }),
  );
}

/** A job's end and, when it failed, its notice and mail, in one transaction: no failure goes untold after a crash. */
async function settleAndNotice(jobId: string, settle: (tx: Tx) => Promise<unknown>) {
  const told = await db.$transaction(async (tx) => {
    await settle(tx);
    return noticeLeadSyncFailure(tx, jobId);
  });
  if (told) drainSoon();
}

/**
 * Settles the job once every lead has a result of this run or an earlier success: counts, succeeded or failed. One
 * statement guarded by the run and the open states, so the several rows of a run settle it once.
 */
async function settleJob(jobId: string, run: number) {
  await settleAndNotice(
    jobId,
    (tx) => tx.$executeRaw`
    UPDATE lead_sync_jobs j SET
      created = c.created, updated = c.updated, skipped = c.skipped, failed = c.failed,
      status = CASE WHEN c.failed > 0 THEN 'failed'::"LeadSyncJobStatus" ELSE 'succeeded'::"LeadSyncJobStatus" END,
      finished_at = now()
    FROM (SELECT count(*) FILTER (WHERE outcome = 'created') AS created, count(*) FILTER (WHERE outcome = 'updated') AS updated,
                 count(*) FILTER (WHERE outcome = 'skipped') AS skipped, count(*) FILTER (WHERE outcome = 'failed') AS failed,
                 count(*) FILTER (WHERE run = ${run} OR outcome <> 'failed') AS settled
          FROM lead_sync_results WHERE job_id = ${jobId}) c
    WHERE j.id = ${jobId} AND j.runs = ${run} AND j.status IN ('queued', 'running') AND c.settled >= j.lead_count`,
  );
}
