-- CreateEnum
CREATE TYPE "CrmWriteStatus" AS ENUM ('pending', 'running', 'written', 'failed', 'cancelled');

-- CreateTable
CREATE TABLE "crm_writes" (
    "id" TEXT NOT NULL,
    "org_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "account" TEXT,
    "dedupe_key" TEXT NOT NULL,
    "task_id" TEXT,
    "attempt_id" TEXT,
    "ref" TEXT,
    "payload" JSONB NOT NULL,
    "status" "CrmWriteStatus" NOT NULL DEFAULT 'pending',
    "tries" INTEGER NOT NULL DEFAULT 0,
    "run_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lease_until" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "response" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "crm_writes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "crm_writes_dedupe_key_key" ON "crm_writes"("dedupe_key");

-- CreateIndex
CREATE INDEX "crm_writes_status_run_at_idx" ON "crm_writes"("status", "run_at");

-- CreateIndex
CREATE INDEX "crm_writes_task_id_idx" ON "crm_writes"("task_id");

-- AddForeignKey
ALTER TABLE "crm_writes" ADD CONSTRAINT "crm_writes_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "crm_writes" ADD CONSTRAINT "crm_writes_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "call_tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

