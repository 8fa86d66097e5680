import "server-only";
import { db, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { newId } from "@/lib/ids";
import { leadSyncFailureMail, MAX_LISTED_LEADS } from "@/lib/mail/lead-sync-failure";
import { queueMail } from "@/lib/mail/outbox";
import { leadSyncConfigSchema } from "./schema";

/**
 * Tells a failed job's notify-on-failure user, once per run: a notice in the dashboard, and a mail when the
 * connector's notifications are on. Call it in the transaction that marks the job failed (then drainSoon() after the
 * commit), so a failure is never recorded without its notice. Returns whether this call notified.
 */
export async function noticeLeadSyncFailure(tx: Tx, jobId: string, now = new Date()): Promise<boolean> {
  const { count } = await tx.leadSyncJob.updateMany({
    where: { id: jobId, status: "failed", notifiedAt: null },
    data: { notifiedAt: now },
  });
  if (!count) return false;
  const job = await tx.leadSyncJob.findUniqueOrThrow({
    where: { id: jobId },
    include: {
      connector: { select: { id: true, config: true } },
      organization: { select: { timezone: true } },
      results: { where: { outcome: "failed" }, orderBy: { position: "asc" }, take: MAX_LISTED_LEADS + 1 },
    },
  });
  const config = leadSyncConfigSchema.safeParse(job.connector.config);
  const userId = config.success ? config.data.notifyUserId : null;
  if (!userId) return true;
  const user = await tx.user.findFirst({ where: { id: userId, orgId: job.orgId }, select: { id: true, name: true, email: true } });
  if (!user) return true;
  const firstError = job.results[0]?.error;
  const message =
    job.error ?? `${job.failed} of ${job.leadCount} lead${job.leadCount === 1 ? "" : "s"} failed${firstError ? `: ${firstError}` : ""}`;
  await tx.leadSyncNotice.createMany({
    data: [{ id: newId("lsn"), orgId: job.orgId, userId: user.id, jobId, run: job.runs, message: message.slice(0, 1000) }],
    skipDuplicates: true,
  });
  if (!config.data!.notify) return true;
  const base = env().LEADLINE_PUBLIC_URL.replace(/\/+$/, "");
  const mail = leadSyncFailureMail({
    recipientName: user.name,
    connectorName: config.data!.name,
    jobId,
    failedAt: now,
    zone: job.organization.timezone,
    summary: job.error,
    leadErrors: job.results.map((r) => ({
      lead: r.searchValue ?? r.sourceLeadId ?? `lead ${r.position + 1}`,
      reasons: [r.error ?? "failed"],
    })),
    jobUrl: `${base}/lead-sync/${job.connectorId}/jobs/${jobId}`,
    connectorUrl: `${base}/lead-sync/${job.connectorId}?tab=settings`,
  });
  await queueMail(tx, {
    ...mail,
    orgId: job.orgId,
    to: user.email,
    toName: user.name,
    dedupeKey: `lead-sync-failure:${jobId}:${job.runs}`,
    ref: jobId,
  });
  return true;
}

/** The signed-in person's unseen failure notices for jobs that are still failed (a retry that worked ends its notice). */
export async function listNotices(orgId: string, userId: string) {
  const rows = await db.leadSyncNotice.findMany({
    where: { orgId, userId, seenAt: null, job: { status: "failed" } },
    orderBy: { createdAt: "desc" },
    take: 50,
    include: { job: { select: { connectorId: true, connector: { select: { config: true } } } } },
  });
  return rows.map((n) => ({
    id: n.id,
    jobId: n.jobId,
    connectorId: n.job.connectorId,
    connectorName: (n.job.connector.config as { name?: string }).name ?? n.job.connectorId,
    message: n.message,
    createdAt: n.createdAt,
  }));
}

export function countNotices(orgId: string, userId: string): Promise<number> {
  return db.leadSyncNotice.count({ where: { orgId, userId, seenAt: null, job: { status: "failed" } } });
}

/** Marks the person's own notices seen; others' ids are ignored. */
export async function dismissNotices(orgId: string, userId: string, ids: string[], now = new Date()): Promise<number> {
  const { count } = await db.leadSyncNotice.updateMany({ where: { orgId, userId, id: { in: ids }, seenAt: null }, data: { seenAt: now } });
  return count;
}
