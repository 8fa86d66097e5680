import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { drainWrites } from "@/lib/crm-writes/drain";
import { WRITE_HANDLERS } from "@/lib/crm-writes/handlers";
import { db } from "@/lib/db";
import { truncateAll } from "@/test/databases";
import { createOrg } from "@/test/factories";
import { listMails, queueMail } from "./outbox";

beforeAll(() => {
  // No mail server: mails are kept for the dashboard's outbox.
  delete process.env.LEADLINE_SMTP_URL;
});
beforeEach(() => truncateAll(process.env.DATABASE_URL!));

const mail = (orgId: string, to: string, dedupeKey: string) => ({
  orgId,
  to,
  toName: null,
  subject: `For ${to}`,
  text: "t",
  html: "<p>h</p>",
  dedupeKey,
});

describe("the mail outbox without SMTP", () => {
  it("keeps each mail once for the dashboard, and lists a person's own mails to them", async () => {
    const { organization: org } = await createOrg();
    const { organization: other } = await createOrg();
    await db.$transaction(async (tx) => {
      await queueMail(tx, mail(org.id, "asha@acme.test", "k1"));
      await queueMail(tx, mail(org.id, "asha@acme.test", "k1"));
      await queueMail(tx, mail(org.id, "mo@acme.test", "k2"));
      await queueMail(tx, mail(other.id, "bo@globex.test", "k3"));
    });
    expect(await db.crmWrite.count({ where: { kind: "mail" } })).toBe(3);
    expect(await drainWrites({ handlers: { mail: WRITE_HANDLERS.mail! } })).toMatchObject({ written: 3, failed: 0 });
    expect((await listMails(org.id)).map((m) => [m.toEmail, m.status])).toEqual(
      expect.arrayContaining([
        ["asha@acme.test", "kept"],
        ["mo@acme.test", "kept"],
      ]),
    );
    expect(await listMails(org.id)).toHaveLength(2);
    expect((await listMails(org.id, "mo@acme.test")).map((m) => m.subject)).toEqual(["For mo@acme.test"]);
  });

  it("is not lost when nothing drains it yet: the mail and its write wait in Postgres", async () => {
    const { organization: org } = await createOrg();
    await db.$transaction((tx) => queueMail(tx, mail(org.id, "asha@acme.test", "k1")));
    expect(await db.mailMessage.findMany({ select: { status: true } })).toEqual([{ status: "queued" }]);
    expect(await db.crmWrite.findMany({ select: { kind: true, status: true } })).toEqual([{ kind: "mail", status: "pending" }]);
  });
});
