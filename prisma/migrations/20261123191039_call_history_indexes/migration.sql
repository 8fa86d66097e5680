-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateIndex
CREATE INDEX "call_tasks_agent_id_created_at_id_idx" ON "call_tasks"("agent_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "call_tasks_org_id_status_created_at_id_idx" ON "call_tasks"("org_id", "status", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "call_tasks_org_id_last_outcome_created_at_id_idx" ON "call_tasks"("org_id", "last_outcome", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "call_tasks_org_id_source_created_at_id_idx" ON "call_tasks"("org_id", "source", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "call_tasks_org_id_created_at_last_outcome_agent_id_status_s_idx" ON "call_tasks"("org_id", "created_at", "last_outcome", "agent_id", "status", "source");

-- CreateIndex
CREATE INDEX "call_tasks_org_id_phone_idx" ON "call_tasks"("org_id", "phone");

-- CreateIndex
CREATE INDEX "call_tasks_lead_name_idx" ON "call_tasks" USING GIN ("lead_name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "call_tasks_phone_idx" ON "call_tasks" USING GIN ("phone" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "call_tasks_crm_lead_id_idx" ON "call_tasks" USING GIN ("crm_lead_id" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "deliveries_org_id_status_created_at_id_idx" ON "deliveries"("org_id", "status", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "deliveries_agent_id_created_at_id_idx" ON "deliveries"("agent_id", "created_at" DESC, "id" DESC);

