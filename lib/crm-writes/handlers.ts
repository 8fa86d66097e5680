import {
  createHubSpotCall,
  postLeadSquaredActivities,
  postLeadSquaredActivity,
  updateHubSpotContact,
  updateLeadSquaredLead,
} from "./kinds/crm-outcomes";
import { WRITE_KINDS } from "./outcome-writes";
import { CALL_ENDED_WEBHOOK_KIND } from "@/lib/call-webhooks/enqueue";
import { callEndedWebhookHandler } from "@/lib/call-webhooks/handler";
import { deliverMail, MAIL_KIND } from "@/lib/mail/outbox";
import { giveUpLeadSyncWrite, runLeadSyncWrite } from "@/lib/lead-sync/run";
import type { BulkHandler, GiveUpHandler, WriteHandler } from "./types";

/**
 * Every kind of CRM write and the handler that runs it, one line each. A row whose kind is missing here fails with
 * the reason (a kind removed while rows of it were queued).
 */
export const WRITE_HANDLERS: Record<string, WriteHandler> = {
  [WRITE_KINDS.leadSquaredActivity]: postLeadSquaredActivity,
  [WRITE_KINDS.leadSquaredLeadUpdate]: updateLeadSquaredLead,
  [WRITE_KINDS.hubSpotCall]: createHubSpotCall,
  [WRITE_KINDS.hubSpotContactUpdate]: updateHubSpotContact,
  [CALL_ENDED_WEBHOOK_KIND]: callEndedWebhookHandler(),
  [MAIL_KIND]: deliverMail,
  lead_sync: runLeadSyncWrite,
};

/** The kinds whose rows stand for a record of their own (a Lead Sync job) that must end when the pipeline gives up. */
export const GIVE_UP_HANDLERS: Record<string, GiveUpHandler> = {
  lead_sync: giveUpLeadSyncWrite,
};

/** The kinds whose rows can also go several to a call when an account's backlog outgrows its single budget (bulk-split.ts). */
export const BULK_HANDLERS: Record<string, BulkHandler> = {
  [WRITE_KINDS.leadSquaredActivity]: postLeadSquaredActivities,
};
