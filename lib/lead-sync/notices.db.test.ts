import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { drainWrites } from "@/lib/crm-writes/drain";
import { WRITE_HANDLERS } from "@/lib/crm-writes/handlers";
import { encryptSecret } from "@/lib/crypto/secrets";
import { db } from "@/lib/db";
import { newId } from "@/lib/ids";
import { leadSyncConfigSchema, type LeadSyncConfig } from "@/lib/lead-sync/schema";
import { truncateAll } from "@/test/databases";
import { createOrg } from "@/test/factories";
import { startLocalSmtp, type LocalSmtp } from "@/test/smtp-server";
import { countNotices, dismissNotices, listNotices, noticeLeadSyncFailure } from "./notices";

let smtp: LocalSmtp;
beforeAll(async () => {
  smtp = await startLocalSmtp();
  // env() is read once per test file: the mail settings go in before anything reads it.
  process.env.LEADLINE_SMTP_URL = smtp.url;
  process.env.LEADLINE_MAIL_FROM = "Leadline <alerts@leadline.test>";
  process.env.LEADLINE_PUBLIC_URL = "https://leadline.test";
});
afterAll(async () => {
  delete process.env.LEADLINE_SMTP_URL;
  await smtp.stop();
});
beforeEach(async () => {
  await truncateAll(process.env.DATABASE_URL!);
  smtp.received.length = 0;
  smtp.reject = null;
});

const seal = (s: string) => encryptSecret(s, process.env.LEADLINE_ENCRYPTION_KEY!);

async function failedJob(options: { notify: boolean; notifyUser: "admin" | "nobody" | "stranger"; jobError?: string | null }) {
  const { organization, user } = await createOrg({ timezone: "Asia/Kolkata" });
  const config: LeadSyncConfig = leadSyncConfigSchema.parse({
    name: "Clinic → Patients",
    leadSource: "Clinic account",
    defaultCountryCode: "91",
    sourceTimeZone: "Asia/Kolkata",
    searchBy: "EmailAddress",
    notifyUserId: options.notifyUser === "admin" ? user.id : options.notifyUser === "stranger" ? "usr_elsewhere" : null,
    notify: options.notify,
    lead: {
      behaviour: "capture",
      fields: [
        { source: "EmailAddress", destination: "EmailAddress" },
        { source: "mx_Note", destination: "mx_Paid" },
      ],
    },
    activity: { enabled: false, behaviour: "capture", fields: [] },
  });
  const connector = await db.leadSyncConnector.create({
    data: {
      id: newId("lsc"),
      orgId: organization.id,
      enabled: true,
      config,
      destinationHost: "https://api-in21.leadsquared.com",
      destinationSecrets: seal(JSON.stringify({ accessKey: "a", secretKey: "b" })),
      destinationAccountId: "1",
      sourceHost: "https://api-in21.leadsquared.com",
      sourceSecrets: seal(JSON.stringify({ accessKey: "c", secretKey: "d" })),
      sourceAccountId: "2",
      destinationFields: [],
      sourceFields: [],
      fieldsFetchedAt: new Date(),
      webhookSecret: seal("s"),
    },
  });
  const job = await db.leadSyncJob.create({
    data: {
      id: newId("lsj"),
      orgId: organization.id,
      connectorId: connector.id,
      status: "failed",
      query: {},
      body: "[]",
      leads: [],
      leadCount: 2,
      leadBehaviour: "capture",
      failed: 1,
      created: 1,
      runs: 1,
      error: options.jobError ?? null,
      results: {
        create: [
          {
            position: 0,
            run: 1,
            orgId: organization.id,
            connectorId: connector.id,
            outcome: "created",
            searchField: "EmailAddress",
            searchValue: "ok@acme.test",
          },
          {
            position: 1,
            orgId: organization.id,
            connectorId: connector.id,
            run: 1,
            outcome: "failed",
            searchField: "EmailAddress",
            searchValue: "asha@acme.test",
            error: "mx_Paid: expected true or false, got maybe",
          },
        ],
      },
    },
  });
  return { org: organization, user, connector, job };
}

const notify = (jobId: string) => db.$transaction((tx) => noticeLeadSyncFailure(tx, jobId));
const mailHandlerOnly = () => drainWrites({ handlers: { mail: WRITE_HANDLERS.mail! } });

describe("a failed job's notification", () => {
  it("shows once in the notified user's dashboard and mails them through SMTP, with the lead's reason", async () => {
    const { org, user, job, connector } = await failedJob({ notify: true, notifyUser: "admin" });
    expect(await notify(job.id)).toBe(true);
    expect(await notify(job.id)).toBe(false);

    const notices = await listNotices(org.id, user.id);
    expect(notices).toEqual([
      expect.objectContaining({
        jobId: job.id,
        connectorId: connector.id,
        connectorName: "Clinic → Patients",
        message: "1 of 2 leads failed: mx_Paid: expected true or false, got maybe",
      }),
    ]);
    expect(await countNotices(org.id, user.id)).toBe(1);

    expect(await mailHandlerOnly()).toMatchObject({ written: 1, failed: 0 });
    await smtp.waitFor(1);
    const [mail] = smtp.received;
    expect(mail!.envelopeTo).toEqual([user.email]);
    expect(mail!.subject).toBe('Lead Sync "Clinic → Patients": 1 lead failed');
    expect(mail!.text).toContain("- asha@acme.test: mx_Paid: expected true or false, got maybe");
    expect(mail!.text).toContain(`https://leadline.test/lead-sync/${connector.id}/jobs/${job.id}`);
    const [row] = await db.mailMessage.findMany();
    expect(row).toMatchObject({ status: "sent", toEmail: user.email, lastError: null });
    expect(mail!.messageId).toBe(`<${row!.id}@leadline.test>`);

    // A second drain sends nothing more.
    await mailHandlerOnly();
    expect(smtp.received).toHaveLength(1);
  });

  it("keeps trying while the mail server says try later, and sends once it accepts", async () => {
    const { job } = await failedJob({ notify: true, notifyUser: "admin" });
    await notify(job.id);
    smtp.reject = 451;
    expect(await mailHandlerOnly()).toMatchObject({ retried: 1 });
    const [waiting] = await db.mailMessage.findMany();
    expect(waiting).toMatchObject({ status: "queued" });
    expect(waiting!.lastError).toMatch(/451|Try again later/);
    smtp.reject = null;
    await db.crmWrite.updateMany({ data: { runAt: new Date() } });
    expect(await mailHandlerOnly()).toMatchObject({ written: 1 });
    await smtp.waitFor(1);
    expect((await db.mailMessage.findMany())[0]).toMatchObject({ status: "sent" });
  });

  it("ends as failed with the reason when the mail server refuses the recipient for good", async () => {
    const { job } = await failedJob({ notify: true, notifyUser: "admin" });
    await notify(job.id);
    smtp.reject = 550;
    expect(await mailHandlerOnly()).toMatchObject({ failed: 1 });
    expect((await db.mailMessage.findMany())[0]).toMatchObject({ status: "failed", lastError: "The mail server refused the mail: 550" });
  });

  it("shows in the dashboard but sends no mail when notifications are off", async () => {
    const { org, user, job } = await failedJob({
      notify: false,
      notifyUser: "admin",
      jobError: "The destination rejected the keys (401).",
    });
    await notify(job.id);
    expect((await listNotices(org.id, user.id)).map((n) => n.message)).toEqual(["The destination rejected the keys (401)."]);
    expect(await db.mailMessage.count()).toBe(0);
    expect(await db.crmWrite.count()).toBe(0);
  });

  it("tells nobody when no user (or one from elsewhere) is chosen, and still counts as notified", async () => {
    for (const notifyUser of ["nobody", "stranger"] as const) {
      const { job } = await failedJob({ notify: true, notifyUser });
      expect(await notify(job.id)).toBe(true);
      expect((await db.leadSyncJob.findUniqueOrThrow({ where: { id: job.id } })).notifiedAt).not.toBeNull();
    }
    expect(await db.leadSyncNotice.count()).toBe(0);
    expect(await db.mailMessage.count()).toBe(0);
  });

  it("is marked seen by its own user only, and leaves the list once the job no longer fails", async () => {
    const { org, user, job } = await failedJob({ notify: false, notifyUser: "admin" });
    await notify(job.id);
    const [notice] = await listNotices(org.id, user.id);
    expect(await dismissNotices(org.id, "usr_someone_else", [notice!.id])).toBe(0);
    expect(await countNotices(org.id, user.id)).toBe(1);
    await db.leadSyncJob.update({ where: { id: job.id }, data: { status: "succeeded" } });
    expect(await countNotices(org.id, user.id)).toBe(0);
    await db.leadSyncJob.update({ where: { id: job.id }, data: { status: "failed" } });
    expect(await dismissNotices(org.id, user.id, [notice!.id])).toBe(1);
    expect(await listNotices(org.id, user.id)).toEqual([]);
  });

  it("comes again when a retried job fails again (a new run)", async () => {
    const { org, user, job } = await failedJob({ notify: true, notifyUser: "admin" });
    await notify(job.id);
    await db.leadSyncJob.update({ where: { id: job.id }, data: { runs: 2, notifiedAt: null } });
    expect(await notify(job.id)).toBe(true);
    expect(await db.leadSyncNotice.count({ where: { userId: user.id, orgId: org.id } })).toBe(2);
    expect(await db.mailMessage.count()).toBe(2);
  });
});
