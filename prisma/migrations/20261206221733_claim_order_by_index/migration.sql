-- The claim (claim_due_attempts) takes an agent's due tasks ORDER BY next_attempt_at, id. Without id in the index, a morning
-- rush (thousands of tasks due at one instant) made every claim read and sort the whole group to pick a few; with it,
-- the claim reads the first rows of the index in order and stops.

-- DropIndex
DROP INDEX "call_tasks_agent_id_status_next_attempt_at_idx";

-- CreateIndex
CREATE INDEX "call_tasks_agent_id_status_next_attempt_at_id_idx" ON "call_tasks"("agent_id", "status", "next_attempt_at", "id");

