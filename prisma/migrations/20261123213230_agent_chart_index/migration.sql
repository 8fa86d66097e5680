-- DropIndex
DROP INDEX "call_tasks_agent_id_created_at_id_idx";

-- CreateIndex
CREATE INDEX "call_tasks_agent_id_created_at_id_org_id_last_outcome_statu_idx" ON "call_tasks"("agent_id", "created_at" DESC, "id" DESC, "org_id", "last_outcome", "status", "source");

