import "server-only";
import { callAttemptEnded, callTaskCancelled, callTaskCreated, inngest } from "@/inngest/client";
import type { JobDriver } from "@/lib/jobs/driver";

/**
 * Inngest cannot join a Postgres transaction: the relay sends a task's event from the outbox at once (the run sleeps
 * to the planned time itself) and deletes the wake-up only once Inngest took it. Event ids make a re-send after a
 * lost answer harmless; Postgres stays the source of truth for every decision.
 */
export const inngestDriver: JobDriver = {
  name: "inngest",
  handOverAheadMs: null,
  handOver: async (_tx, wakeups) => {
    await inngest.send(
      wakeups.map((w) => ({
        ...callTaskCreated.create({ taskId: w.taskId, agentId: w.agentId, fromAttempt: w.fromAttempt }),
        id: `task-${w.taskId}-from-${w.fromAttempt}`,
      })),
    );
  },
  attemptEnded: async (taskId, attempt) => {
    await inngest.send({ ...callAttemptEnded.create({ taskId, attempt }), id: `ended-${taskId}-${attempt}` });
  },
  cancelled: async (taskId) => {
    await inngest.send({ ...callTaskCancelled.create({ taskId }), id: `cancelled-${taskId}` });
  },
};
