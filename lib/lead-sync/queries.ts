import "server-only";
import { timingSafeEqual } from "node:crypto";
import { createLeadSquaredClient, CrmError, type LeadFieldDetail } from "@/lib/crm/leadsquared/client";
import { checkLeadSquaredHost } from "@/lib/crm/leadsquared/host";
import { decryptSecret, encryptSecret, secretHint } from "@/lib/crypto/secrets";
import { db, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import type { LeadSyncConnector, LeadSyncJob, LeadSyncResult, Prisma } from "@/lib/generated/prisma/client";
import { ApiError } from "@/lib/http/errors";
import { newId, randomToken } from "@/lib/ids";
import type { LeadSquaredSecrets } from "@/lib/integrations/schema";
import { drainSoon } from "@/lib/crm-writes/outbox";
import { queueSyncRun } from "./enqueue";
import { noticeLeadSyncFailure } from "./notices";
import { logRange } from "./log-range";
import {
  leadSyncConfigSchema,
  type LeadSyncAccountInput,
  type LeadSyncConfig,
  type LeadSyncConnectorInput,
  type LeadSyncLogFilter,
} from "./schema";

const key = () => env().LEADLINE_ENCRYPTION_KEY;
const seal = (value: string) => encryptSecret(value, key());
const open = (sealed: string) => decryptSecret(sealed, key());

/** An account as the connector reads it: host, keys, LeadSquared's OrgId and its lead fields. */
export type CheckedAccount = { host: string; secrets: LeadSquaredSecrets; accountId: string; fields: LeadFieldDetail[] };

/** What the API and the dashboard see of a connector: no keys, only their last four characters. */
export function presentConnector(row: LeadSyncConnector) {
  const hints = (sealed: string | null) => {
    if (!sealed) return null;
    const s = JSON.parse(open(sealed)) as LeadSquaredSecrets;
    return { accessKey: secretHint(s.accessKey), secretKey: secretHint(s.secretKey) };
  };
  return {
    id: row.id,
    enabled: row.enabled,
    config: row.config as LeadSyncConfig,
    destination: {
      useIntegration: row.destinationIntegrationId !== null,
      host: row.destinationHost,
      accountId: row.destinationAccountId,
      keys: hints(row.destinationSecrets),
    },
    source: { host: row.sourceHost, accountId: row.sourceAccountId, keys: hints(row.sourceSecrets) },
    destinationFields: row.destinationFields as LeadFieldDetail[],
    sourceFields: row.sourceFields as LeadFieldDetail[],
    fieldsFetchedAt: row.fieldsFetchedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
export type PresentedConnector = ReturnType<typeof presentConnector>;

/** The rate-budget key of the destination account: the integration's when it is used, so both share one budget. */
export function connectorAccount(row: Pick<LeadSyncConnector, "destinationIntegrationId" | "destinationAccountId">): string {
  return row.destinationIntegrationId ? `leadsquared:${row.destinationIntegrationId}` : `leadsquared-account:${row.destinationAccountId}`;
}

/** The destination's keys: the connector's own, or the organisation's LeadSquared integration's. */
export async function destinationSecrets(row: LeadSyncConnector): Promise<LeadSquaredSecrets> {
  if (row.destinationSecrets) return JSON.parse(open(row.destinationSecrets)) as LeadSquaredSecrets;
  const integration = await db.integration.findFirst({ where: { id: row.destinationIntegrationId ?? "", orgId: row.orgId } });
  if (!integration)
    throw new ApiError(
      409,
      "destination_disconnected",
      "The LeadSquared integration this sync writes to was disconnected. Connect it again or edit the sync.",
    );
  return JSON.parse(open(integration.secrets)) as LeadSquaredSecrets;
}

export function sourceSecrets(row: LeadSyncConnector): LeadSquaredSecrets {
  return JSON.parse(open(row.sourceSecrets)) as LeadSquaredSecrets;
}

/**
 * Proves an account's host and keys with a real call and reads its lead fields (two calls). `which` names the form
 * section a failure is shown in. Keys left empty fall back to `stored`.
 */
export async function checkAccount(
  which: "destination" | "source",
  input: Partial<LeadSyncAccountInput> & { host: string },
  stored: LeadSquaredSecrets | null,
): Promise<CheckedAccount> {
  const host = checkLeadSquaredHost(input.host, env().LEADLINE_LEADSQUARED_ALLOWED_HOSTS);
  if (!host.ok) throw new ApiError(400, "invalid_host", host.reason, [{ field: `${which}.host`, message: host.reason }]);
  const accessKey = input.accessKey ?? stored?.accessKey;
  const secretKey = input.secretKey ?? stored?.secretKey;
  for (const [name, value] of [
    ["accessKey", accessKey],
    ["secretKey", secretKey],
  ] as const) {
    if (!value) {
      const message = `Paste the ${which} account's ${name === "accessKey" ? "Access Key" : "Secret Key"} from Settings → API & Webhooks.`;
      throw new ApiError(400, "invalid_parameter", message, [{ field: `${which}.${name}`, message }]);
    }
  }
  const secrets = { accessKey: accessKey!, secretKey: secretKey! };
  const client = createLeadSquaredClient({ baseUrl: host.baseUrl, ...secrets });
  try {
    const account = await client.checkCredentials();
    return { host: host.baseUrl, secrets, accountId: account.orgId, fields: await client.leadFieldDetails() };
  } catch (err) {
    if (!(err instanceof CrmError)) throw err;
    const field = err.kind === "unauthorized" ? `${which}.accessKey` : `${which}.host`;
    throw new ApiError(400, `leadsquared_${err.kind}`, `The ${which} account: ${err.message}`, [{ field, message: err.message }]);
  }
}

async function checkDestination(orgId: string, input: LeadSyncConnectorInput["destination"], stored: LeadSyncConnector | null) {
  if (input.useIntegration) {
    const integration = await db.integration.findUnique({ where: { orgId_crm: { orgId, crm: "leadsquared" } } });
    if (!integration) {
      const message = "LeadSquared is not connected under Integrations; connect it or give the destination's keys here.";
      throw new ApiError(409, "not_connected", message, [{ field: "destination.useIntegration", message }]);
    }
    const secrets = JSON.parse(open(integration.secrets)) as LeadSquaredSecrets;
    const host = (integration.config as { host: string }).host;
    return { integrationId: integration.id, account: await checkAccount("destination", { host, ...secrets }, null) };
  }
  const kept = stored?.destinationSecrets ? (JSON.parse(open(stored.destinationSecrets)) as LeadSquaredSecrets) : null;
  return { integrationId: null, account: await checkAccount("destination", input, kept) };
}

async function checkedData(orgId: string, input: LeadSyncConnectorInput, stored: LeadSyncConnector | null) {
  const destination = await checkDestination(orgId, input.destination, stored);
  const source = await checkAccount("source", input.source, stored ? sourceSecrets(stored) : null);
  if (source.accountId === destination.account.accountId) {
    const message = "The source and destination are the same LeadSquared account; a sync needs two accounts.";
    throw new ApiError(400, "same_account", message, [{ field: "source.host", message }]);
  }
  return {
    config: input.config as Prisma.InputJsonValue,
    destinationIntegrationId: destination.integrationId,
    destinationHost: destination.account.host,
    destinationSecrets: destination.integrationId ? null : seal(JSON.stringify(destination.account.secrets)),
    destinationAccountId: destination.account.accountId,
    sourceHost: source.host,
    sourceSecrets: seal(JSON.stringify(source.secrets)),
    sourceAccountId: source.accountId,
    destinationFields: destination.account.fields as Prisma.InputJsonValue,
    sourceFields: source.fields as Prisma.InputJsonValue,
    fieldsFetchedAt: new Date(),
  };
}

/** The URL the source account's automation posts to; it carries the connector's secret. */
export function webhookUrlOf(row: Pick<LeadSyncConnector, "id" | "webhookSecret">): string {
  return `${env().LEADLINE_PUBLIC_URL.replace(/\/+$/, "")}/api/lead-sync/${row.id}/${open(row.webhookSecret)}`;
}

/** Checks both accounts with real calls, then stores the connector disabled (enable it once the automation is set up). */
export async function createConnector(orgId: string, userId: string | null, input: LeadSyncConnectorInput) {
  const data = await checkedData(orgId, input, null);
  const row = await db.leadSyncConnector.create({
    data: { id: newId("lsc"), orgId, enabled: false, webhookSecret: seal(randomToken(32)), createdById: userId, ...data },
  });
  return { connector: presentConnector(row), webhookUrl: webhookUrlOf(row) };
}

/** Replaces the configuration and accounts (keys left empty keep the stored ones); both accounts are checked again. */
export async function updateConnector(orgId: string, id: string, input: LeadSyncConnectorInput) {
  const stored = await findConnectorRow(orgId, id);
  const row = await db.leadSyncConnector.update({ where: { id: stored.id }, data: await checkedData(orgId, input, stored) });
  return presentConnector(row);
}

export async function setConnectorEnabled(orgId: string, id: string, enabled: boolean) {
  const { count } = await db.leadSyncConnector.updateMany({ where: { id, orgId }, data: { enabled } });
  if (!count) throw connectorNotFound();
  return getConnector(orgId, id);
}

/** Removes the connector with its jobs and logs; its webhook URL answers 404 from now on. */
export async function deleteConnector(orgId: string, id: string): Promise<void> {
  const { count } = await db.leadSyncConnector.deleteMany({ where: { id, orgId } });
  if (!count) throw connectorNotFound();
}

export async function listConnectors(orgId: string) {
  const rows = await db.leadSyncConnector.findMany({ where: { orgId }, orderBy: { createdAt: "asc" } });
  return rows.map(presentConnector);
}

export async function getConnector(orgId: string, id: string) {
  return presentConnector(await findConnectorRow(orgId, id));
}

/** The connector's webhook URL with its secret, for the page that shows it on request. */
export async function getConnectorWebhookUrl(orgId: string, id: string): Promise<string> {
  return webhookUrlOf(await findConnectorRow(orgId, id));
}

/** A new secret: the old URL stops working at once. */
export async function rotateConnectorSecret(orgId: string, id: string): Promise<string> {
  await findConnectorRow(orgId, id);
  const row = await db.leadSyncConnector.update({ where: { id }, data: { webhookSecret: seal(randomToken(32)) } });
  return webhookUrlOf(row);
}

/** Reads both accounts' field lists again (after a field was added in LeadSquared). */
export async function refreshConnectorFields(orgId: string, id: string) {
  const row = await findConnectorRow(orgId, id);
  const source = await checkAccount("source", { host: row.sourceHost }, sourceSecrets(row));
  const destination = await checkAccount("destination", { host: row.destinationHost }, await destinationSecrets(row));
  const updated = await db.leadSyncConnector.update({
    where: { id },
    data: {
      sourceFields: source.fields as Prisma.InputJsonValue,
      destinationFields: destination.fields as Prisma.InputJsonValue,
      fieldsFetchedAt: new Date(),
    },
  });
  return presentConnector(updated);
}

async function findConnectorRow(orgId: string, id: string, tx: Tx | typeof db = db): Promise<LeadSyncConnector> {
  const row = await tx.leadSyncConnector.findFirst({ where: { id, orgId } });
  if (!row) throw connectorNotFound();
  return row;
}

const connectorNotFound = () => new ApiError(404, "not_found", "No such Lead Sync connector in your organisation.");

/** The connector a webhook URL names, when its secret matches (constant-time); null otherwise, answered as 404. */
export async function authenticateConnector(id: string, secret: string): Promise<LeadSyncConnector | null> {
  const row = await db.leadSyncConnector.findUnique({ where: { id } });
  if (!row) return null;
  const expected = Buffer.from(open(row.webhookSecret));
  const given = Buffer.from(secret);
  return expected.length === given.length && timingSafeEqual(expected, given) ? row : null;
}

/**
 * Stores a delivery as a job and queues its run in the same transaction: nothing is answered before it is durable.
 * With `refusal` (the sync is disabled) the job is stored as failed with it, to be retried once the cause is fixed.
 */
export async function storeJob(input: {
  connector: LeadSyncConnector;
  contentType: string | null;
  query: Record<string, string>;
  /** The body as stored for the log: redacted and capped. */
  body: string;
  /** Each item of the delivery, secret-looking fields redacted. */
  leads: Record<string, unknown>[];
  refusal?: string;
}): Promise<LeadSyncJob> {
  const { connector, refusal } = input;
  const config = leadSyncConfigSchema.parse(connector.config);
  const job = await db.$transaction(async (tx) => {
    const created = await tx.leadSyncJob.create({
      data: {
        id: newId("lsj"),
        orgId: connector.orgId,
        connectorId: connector.id,
        contentType: input.contentType,
        query: input.query,
        body: input.body,
        leads: input.leads as Prisma.InputJsonValue[],
        leadCount: input.leads.length,
        leadBehaviour: config.lead.behaviour,
        activityBehaviour: config.activity.enabled ? config.activity.behaviour : null,
        runs: 1,
        ...(refusal ? { status: "failed" as const, error: refusal, finishedAt: new Date() } : {}),
      },
    });
    if (!refusal) await queueSyncRun(tx, { job: created, account: connectorAccount(connector) });
    else await noticeLeadSyncFailure(tx, created.id);
    return created;
  });
  drainSoon();
  return job;
}

/** Runs a failed job again with the connector's current mapping: its failed leads (and any never reached) only. */
export async function retryJob(orgId: string, jobId: string): Promise<LeadSyncJob> {
  const job = await db.$transaction(async (tx) => {
    const found = await tx.leadSyncJob.findFirst({ where: { id: jobId, orgId }, include: { connector: true } });
    if (!found) throw new ApiError(404, "not_found", "No such Lead Sync job in your organisation.");
    const config = leadSyncConfigSchema.parse(found.connector.config);
    const { count } = await tx.leadSyncJob.updateMany({
      where: { id: jobId, status: "failed" },
      data: {
        status: "queued",
        runs: { increment: 1 },
        error: null,
        finishedAt: null,
        notifiedAt: null,
        leadBehaviour: config.lead.behaviour,
        activityBehaviour: config.activity.enabled ? config.activity.behaviour : null,
      },
    });
    if (!count) throw new ApiError(409, "not_failed", "Only a failed job can be retried; this one is " + found.status + ".");
    const updated = await tx.leadSyncJob.findUniqueOrThrow({ where: { id: jobId } });
    await queueSyncRun(tx, { job: updated, account: connectorAccount(found.connector) });
    return updated;
  });
  drainSoon();
  return job;
}

type ResultWhere = Prisma.LeadSyncResultWhereInput;

function resultFilters(orgId: string, filter: LeadSyncLogFilter, now: Date, zone: string): ResultWhere {
  const { from, to } = logRange(filter.range, now, zone);
  const job: Prisma.LeadSyncJobWhereInput = { receivedAt: { gte: from, lt: to } };
  if (filter.connectorId) job.connectorId = filter.connectorId;
  if (filter.jobStatus === "success") job.status = "succeeded";
  if (filter.jobStatus === "failure") job.status = "failed";
  const and: ResultWhere[] = [{ orgId, job }];
  if (filter.syncStatus === "error") and.push({ outcome: "failed" });
  if (filter.syncStatus === "success") and.push({ outcome: { not: "failed" } });
  // Seed 001 §8: Updated lists duplicates found by the search value and earlier failures fixed; New only fresh creates.
  if (filter.view === "new") and.push({ outcome: "created", fixed: false });
  if (filter.view === "updated") and.push({ OR: [{ outcome: "updated" }, { outcome: "created", fixed: true }] });
  if (filter.view === "failed") and.push({ outcome: "failed" });
  return { AND: and };
}

/**
 * The Logs screen: one row per lead of each job in the date range (days counted in `zone`), newest job first,
 * filtered by job status, sync status and the New/Updated/Failed view. `cursor` is the opaque next_cursor.
 */
export async function listSyncLog(orgId: string, filter: LeadSyncLogFilter, options: { now?: Date; zone: string }) {
  const skip = filter.cursor ? Math.max(0, Number.parseInt(filter.cursor, 10) || 0) : 0;
  const rows = await db.leadSyncResult.findMany({
    where: resultFilters(orgId, filter, options.now ?? new Date(), options.zone),
    orderBy: [{ job: { receivedAt: "desc" } }, { jobId: "desc" }, { position: "asc" }],
    include: { job: { select: { id: true, connectorId: true, status: true, receivedAt: true, leadBehaviour: true } } },
    skip,
    take: filter.limit + 1,
  });
  const more = rows.length > filter.limit;
  return { rows: rows.slice(0, filter.limit), nextCursor: more ? String(skip + filter.limit) : null };
}

/** Jobs (deliveries) with their counts, by the same filters; a view keeps jobs with at least one lead in it. */
export async function listJobs(orgId: string, filter: LeadSyncLogFilter, options: { now?: Date; zone: string }) {
  const { from, to } = logRange(filter.range, options.now ?? new Date(), options.zone);
  const where: Prisma.LeadSyncJobWhereInput = { orgId, receivedAt: { gte: from, lt: to } };
  if (filter.connectorId) where.connectorId = filter.connectorId;
  if (filter.jobStatus === "success") where.status = "succeeded";
  if (filter.jobStatus === "failure") where.status = "failed";
  if (filter.view || filter.syncStatus !== "all") {
    where.results = { some: resultFilters(orgId, { ...filter, range: filter.range }, options.now ?? new Date(), options.zone) };
  }
  const skip = filter.cursor ? Math.max(0, Number.parseInt(filter.cursor, 10) || 0) : 0;
  const rows = await db.leadSyncJob.findMany({
    where,
    orderBy: [{ receivedAt: "desc" }, { id: "desc" }],
    skip,
    take: filter.limit + 1,
  });
  const more = rows.length > filter.limit;
  return { jobs: rows.slice(0, filter.limit), nextCursor: more ? String(skip + filter.limit) : null };
}

/** A job with its request (redacted) and each lead's result: API URL, request and response bodies, error. */
export async function getJob(orgId: string, jobId: string): Promise<LeadSyncJob & { results: LeadSyncResult[] }> {
  const job = await db.leadSyncJob.findFirst({ where: { id: jobId, orgId }, include: { results: { orderBy: { position: "asc" } } } });
  if (!job) throw new ApiError(404, "not_found", "No such Lead Sync job in your organisation.");
  return job;
}
