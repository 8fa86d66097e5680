-- CreateTable
CREATE TABLE "crm_field_caches" (
    "integration_id" TEXT NOT NULL,
    "org_id" TEXT NOT NULL,
    "fields" JSONB NOT NULL,
    "fetched_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "crm_field_caches_pkey" PRIMARY KEY ("integration_id")
);

-- CreateIndex
CREATE INDEX "crm_field_caches_org_id_idx" ON "crm_field_caches"("org_id");

-- AddForeignKey
ALTER TABLE "crm_field_caches" ADD CONSTRAINT "crm_field_caches_integration_id_fkey" FOREIGN KEY ("integration_id") REFERENCES "integrations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

