import { eventType, Inngest, staticSchema } from "inngest";

// Mode, keys and server URL come from INNGEST_DEV, INNGEST_EVENT_KEY, INNGEST_SIGNING_KEY and INNGEST_BASE_URL.
export const inngest = new Inngest({ id: "leadline" });

export const callTaskCreated = eventType("call/task.created", {
  schema: staticSchema<{ taskId: string; agentId: string; fromAttempt: number }>(),
});
export const callAttemptEnded = eventType("call/attempt.ended", { schema: staticSchema<{ taskId: string; attempt: number }>() });
export const callTaskCancelled = eventType("call/task.cancelled", { schema: staticSchema<{ taskId: string }>() });
