-- CreateIndex
CREATE INDEX "call_tasks_status_next_attempt_at_idx" ON "call_tasks"("status", "next_attempt_at");

