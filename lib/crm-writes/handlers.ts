import { deliverMail, MAIL_KIND } from "@/lib/mail/outbox";
import { runLeadSyncWrite } from "@/lib/lead-sync/run";
import type { WriteHandler } from "./types";

/**
 * Every kind of CRM write and the handler that runs it, one line each. A row whose kind is missing here fails with
 * the reason (a kind removed while rows of it were queued).
 */
export const WRITE_HANDLERS: Record<string, WriteHandler> = {
  [MAIL_KIND]: deliverMail,
  lead_sync: runLeadSyncWrite,
};
