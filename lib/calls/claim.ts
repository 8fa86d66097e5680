import "server-only";
import { db } from "@/lib/db";

/**
 * Claims attempt `attempt` of a due task if its agent has a free slot: one batch transaction of two statements, so no
 * lock is held across a round trip to the app. The advisory lock serialises claims per agent; the claim statement
 * runs after it with a fresh snapshot (READ COMMITTED), so its count of live attempts includes every committed claim.
 * Raw SQL because Prisma cannot say "update the task and insert the attempt only if the count is under the cap".
 */
export async function claimAttempt(input: {
  taskId: string;
  agentId: string;
  attempt: number;
  attemptId: string;
  now: Date;
}): Promise<boolean> {
  const { taskId, agentId, attempt, attemptId, now } = input;
  const [, rows] = await db.$transaction([
    db.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`agent-slots:${agentId}`}, 0))`,
    db.$queryRaw<Array<{ id: string }>>`
      WITH claimed AS (
        UPDATE call_tasks t SET status = 'dialing', attempts_made = ${attempt}, updated_at = now()
        FROM agents a
        WHERE t.id = ${taskId} AND a.id = t.agent_id AND t.status = 'scheduled' AND t.attempts_made = ${attempt - 1}
          AND (t.next_attempt_at IS NULL OR t.next_attempt_at <= ${now})
          AND (SELECT count(*) FROM call_attempts c WHERE c.agent_id = t.agent_id AND c.status IN ('dialing', 'in_progress')) < a.concurrency_cap
        RETURNING t.id, t.agent_id, t.next_attempt_at, t.next_attempt_reason, t.variables, a.provider
      )
      INSERT INTO call_attempts (id, task_id, agent_id, number, status, scheduled_at, reason, provider, variables_sent, created_at)
      SELECT ${attemptId}, id, agent_id, ${attempt}, 'dialing', COALESCE(next_attempt_at, ${now}),
             COALESCE(next_attempt_reason, '{"kind":"immediate"}'::jsonb), provider, variables, now()
      FROM claimed
      RETURNING id`,
  ]);
  return rows.length === 1;
}
