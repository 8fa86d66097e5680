import type { Inngest } from "inngest";
import type { StepDeps } from "@/lib/calls/engine";
import { advanceTasks } from "@/lib/calls/engine";
import { wakeAfterFailure } from "@/lib/calls/writes";
import { drainSoon } from "@/lib/crm-writes/outbox";
import { callTaskWake } from "../client";

/** Inngest's longest sleep on the free plan: a wait beyond it is chained (the step finds the task not due and re-queues). */
export const MAX_SLEEP_MS = 7 * 24 * 3_600_000;

/** How soon a task whose run failed for good is woken again. */
export const FAILED_RUN_REWAKE_MS = 60_000;

/** When a run sleeps until: its wake-up, or the longest sleep after the event was sent. Deterministic on re-entry. */
export function sleepTarget(data: { runAt: string; sentAt: string }): string {
  const cap = Date.parse(data.sentAt) + MAX_SLEEP_MS;
  return Date.parse(data.runAt) <= cap ? data.runAt : new Date(cap).toISOString();
}

/**
 * One short run per wake-up: sleep to its time, run the task's step, end. The step queues the task's next wake-up in
 * the outbox (a retry, the outcome deadline, a freed slot, a report), which the relay sends as a new event. No run
 * waits for a report: the report itself queues a wake-up, so one that came first settles at once.
 */
export function createCallTaskFunction(inngest: Inngest, deps: () => StepDeps) {
  return inngest.createFunction(
    {
      id: "call-task",
      triggers: [callTaskWake],
      // One step per task at a time; the cap on live calls is enforced in Postgres by the claim.
      concurrency: [{ key: "event.data.taskId", limit: 1 }],
      retries: 8,
      // Retries spent (Postgres down for long): the task is woken again through the outbox, never left behind.
      onFailure: async ({ event, error }) => {
        const original = event.data.event.data as { taskId: string; agentId: string };
        await wakeAfterFailure(original, error.message, FAILED_RUN_REWAKE_MS);
      },
    },
    async ({ event, step }) => {
      await step.sleepUntil("wait", sleepTarget(event.data));
      await step.run("advance", async () => {
        await advanceTasks(deps(), [event.data.taskId]);
        // The CRM writes a settle queued (lib/crm-writes/after-attempt.ts) go out now, not on the drain's minute.
        drainSoon();
      });
      return { taskId: event.data.taskId };
    },
  );
}
