-- CreateIndex
CREATE INDEX "crm_writes_org_id_kind_created_at_idx" ON "crm_writes"("org_id", "kind", "created_at");

