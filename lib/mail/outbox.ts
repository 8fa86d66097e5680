import "server-only";
import { enqueueWrites } from "@/lib/crm-writes/outbox";
import { WriteRefused, WriteRetry } from "@/lib/crm-writes/errors";
import type { CrmWrite } from "@/lib/crm-writes/types";
import { db, type Tx } from "@/lib/db";
import { env } from "@/lib/env";
import { newId } from "@/lib/ids";
import { MailRefused, sendMail } from "./transport";
import type { RenderedMail } from "./lead-sync-failure";

export const MAIL_KIND = "mail";

/**
 * Stores a mail and queues its sending on the write pipeline, in the caller's transaction (the caller calls
 * drainSoon() after the commit): a mail decided is a mail sent, even if the process dies before it goes out. A
 * dedupe key already used queues nothing.
 */
export async function queueMail(
  tx: Tx,
  mail: RenderedMail & { orgId: string; to: string; toName: string | null; dedupeKey: string; ref?: string },
): Promise<void> {
  const id = newId("mail");
  const { count } = await tx.mailMessage.createMany({
    data: [
      {
        id,
        orgId: mail.orgId,
        toEmail: mail.to,
        toName: mail.toName,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        dedupeKey: mail.dedupeKey,
        ref: mail.ref ?? null,
      },
    ],
    skipDuplicates: true,
  });
  if (!count) return;
  await enqueueWrites(tx, [{ orgId: mail.orgId, kind: MAIL_KIND, dedupeKey: `${MAIL_KIND}:${id}`, ref: id, payload: { mailId: id } }]);
}

/** The pipeline's `mail` handler: sends a stored mail through SMTP, or keeps it for the dashboard's outbox. */
export async function deliverMail(write: CrmWrite): Promise<{ response?: unknown; note?: string }> {
  const { mailId } = write.payload as { mailId: string };
  const mail = await db.mailMessage.findUnique({ where: { id: mailId } });
  if (!mail) throw new WriteRefused(`The mail ${mailId} is gone (its organisation was removed).`);
  if (mail.status !== "queued") return { note: `already ${mail.status}` };
  const host = new URL(env().LEADLINE_PUBLIC_URL).hostname;
  try {
    const sent = await sendMail({
      to: mail.toEmail,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: `<${mail.id}@${host}>`,
    });
    const status = sent.via === "smtp" ? "sent" : "kept";
    await db.mailMessage.update({ where: { id: mail.id }, data: { status, sentAt: new Date(), lastError: null } });
    return { response: sent.via === "smtp" ? { smtp: sent.response.slice(0, 200) } : { outbox: true } };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (err instanceof MailRefused) {
      await db.mailMessage.update({ where: { id: mail.id }, data: { status: "failed", lastError: message } });
      throw new WriteRefused(message);
    }
    await db.mailMessage.update({ where: { id: mail.id }, data: { lastError: message } });
    throw new WriteRetry(`Sending the mail failed: ${message}`);
  }
}

/** The dashboard's outbox: the organisation's mails, newest first; people other than admins see only their own. */
export function listMails(orgId: string, onlyTo?: string) {
  return db.mailMessage.findMany({
    where: { orgId, ...(onlyTo ? { toEmail: onlyTo } : {}) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 100,
  });
}
