import { eventType, Inngest, staticSchema } from "inngest";

// Mode, keys and server URL come from INNGEST_DEV, INNGEST_EVENT_KEY, INNGEST_SIGNING_KEY and INNGEST_BASE_URL.
export const inngest = new Inngest({ id: "leadline" });

/** A wake-up from the outbox: run the task's step at `runAt`. `sentAt` makes a run's sleep target deterministic. */
export const callTaskWake = eventType("call/task.wake", {
  schema: staticSchema<{ taskId: string; agentId: string; runAt: string; sentAt: string }>(),
});

/** CRM writes were queued (lib/crm-writes): drain them. Carries nothing; the rows are in Postgres. */
export const crmWritesDue = eventType("crm/writes.due", { schema: staticSchema<Record<string, never>>() });
