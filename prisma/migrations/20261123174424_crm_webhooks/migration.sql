-- CreateEnum
CREATE TYPE "CrmType" AS ENUM ('leadsquared', 'hubspot');

-- AlterEnum
ALTER TYPE "CallStatus" ADD VALUE 'resolving';

-- AlterTable
ALTER TABLE "call_tasks" ADD COLUMN     "active_dedupe_key" TEXT,
ADD COLUMN     "dedupe_key" TEXT,
ADD COLUMN     "delivery_id" TEXT,
ADD COLUMN     "lead_fields" JSONB;

-- CreateTable
CREATE TABLE "integrations" (
    "id" TEXT NOT NULL,
    "org_id" TEXT NOT NULL,
    "crm" "CrmType" NOT NULL,
    "config" JSONB NOT NULL DEFAULT '{}',
    "secrets" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'connected',
    "last_checked_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "integrations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agent_variables" (
    "id" TEXT NOT NULL,
    "agent_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "source" "CrmType" NOT NULL,
    "field" TEXT NOT NULL,
    "format" TEXT,
    "default_value" TEXT,

    CONSTRAINT "agent_variables_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deliveries" (
    "id" TEXT NOT NULL,
    "org_id" TEXT NOT NULL,
    "agent_id" TEXT,
    "crm" "CrmType",
    "status" TEXT NOT NULL,
    "http_status" INTEGER NOT NULL,
    "content_type" TEXT,
    "event_type" TEXT,
    "query" JSONB NOT NULL,
    "body" TEXT NOT NULL,
    "body_bytes" INTEGER NOT NULL,
    "accepted" INTEGER NOT NULL DEFAULT 0,
    "duplicates" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "error_code" TEXT,
    "error_message" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "delivery_leads" (
    "id" TEXT NOT NULL,
    "delivery_id" TEXT NOT NULL,
    "crm_lead_id" TEXT,
    "event_id" TEXT,
    "status" TEXT NOT NULL,
    "reason" TEXT,
    "call_task_id" TEXT,

    CONSTRAINT "delivery_leads_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "integrations_org_id_crm_key" ON "integrations"("org_id", "crm");

-- CreateIndex
CREATE INDEX "agent_variables_agent_id_position_idx" ON "agent_variables"("agent_id", "position");

-- CreateIndex
CREATE UNIQUE INDEX "agent_variables_agent_id_name_key" ON "agent_variables"("agent_id", "name");

-- CreateIndex
CREATE INDEX "deliveries_org_id_created_at_id_idx" ON "deliveries"("org_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "delivery_leads_delivery_id_idx" ON "delivery_leads"("delivery_id");

-- CreateIndex
CREATE INDEX "delivery_leads_call_task_id_idx" ON "delivery_leads"("call_task_id");

-- CreateIndex
CREATE UNIQUE INDEX "call_tasks_agent_id_active_dedupe_key_key" ON "call_tasks"("agent_id", "active_dedupe_key");

-- AddForeignKey
ALTER TABLE "integrations" ADD CONSTRAINT "integrations_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_variables" ADD CONSTRAINT "agent_variables_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery_leads" ADD CONSTRAINT "delivery_leads_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "deliveries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

