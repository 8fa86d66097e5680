import "server-only";
import { callAttemptEnded, callTaskCancelled, callTaskCreated, inngest } from "@/inngest/client";
import type { JobDriver } from "@/lib/jobs/driver";

/**
 * Inngest cannot join a Postgres transaction, so events go out after commit. Event ids make a re-send harmless;
 * Postgres stays the source of truth for every decision.
 */
export const inngestDriver: JobDriver = {
  name: "inngest",
  scheduleInTransaction: async () => {},
  afterCommit: async (tasks) => {
    if (!tasks.length) return;
    await inngest.send(tasks.map((t) => ({ ...callTaskCreated.create({ taskId: t.taskId, agentId: t.agentId, fromAttempt: t.fromAttempt }), id: `task-${t.taskId}-from-${t.fromAttempt}` })));
  },
  attemptEnded: async (taskId, attempt) => {
    await inngest.send({ ...callAttemptEnded.create({ taskId, attempt }), id: `ended-${taskId}-${attempt}` });
  },
  cancelled: async (taskId) => {
    await inngest.send({ ...callTaskCancelled.create({ taskId }), id: `cancelled-${taskId}` });
  },
};
