import { createHubSpotCall, postLeadSquaredActivity, updateHubSpotContact, updateLeadSquaredLead } from "./kinds/crm-outcomes";
import { WRITE_KINDS } from "./outcome-writes";
import { CALL_ENDED_WEBHOOK_KIND } from "@/lib/call-webhooks/enqueue";
import { callEndedWebhookHandler } from "@/lib/call-webhooks/handler";
import { deliverMail, MAIL_KIND } from "@/lib/mail/outbox";
import { runLeadSyncWrite } from "@/lib/lead-sync/run";
import type { WriteHandler } from "./types";

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
