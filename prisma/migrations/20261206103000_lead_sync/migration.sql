-- CreateEnum
CREATE TYPE "LeadSyncAccessMode" AS ENUM ('role', 'user');

-- CreateEnum
CREATE TYPE "LeadSyncJobStatus" AS ENUM ('queued', 'running', 'succeeded', 'failed');

-- CreateEnum
CREATE TYPE "LeadSyncOutcome" AS ENUM ('created', 'updated', 'skipped', 'failed');

-- CreateTable
CREATE TABLE "lead_sync_access" (
    "org_id" TEXT NOT NULL,
    "mode" "LeadSyncAccessMode" NOT NULL DEFAULT 'role',
    "roles" "Role"[] DEFAULT ARRAY[]::"Role"[],
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "lead_sync_access_pkey" PRIMARY KEY ("org_id")
);

-- CreateTable
CREATE TABLE "lead_sync_user_grants" (
    "user_id" TEXT NOT NULL,
    "org_id" TEXT NOT NULL,
    "granted" BOOLEAN NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "lead_sync_user_grants_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "lead_sync_connectors" (
    "id" TEXT NOT NULL,
    "org_id" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "config" JSONB NOT NULL,
    "destination_integration_id" TEXT,
    "destination_host" TEXT NOT NULL,
    "destination_secrets" TEXT,
    "destination_account_id" TEXT NOT NULL,
    "source_host" TEXT NOT NULL,
    "source_secrets" TEXT NOT NULL,
    "source_account_id" TEXT NOT NULL,
    "destination_fields" JSONB NOT NULL,
    "source_fields" JSONB NOT NULL,
    "fields_fetched_at" TIMESTAMPTZ(3) NOT NULL,
    "webhook_secret" TEXT NOT NULL,
    "created_by_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "lead_sync_connectors_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lead_sync_jobs" (
    "id" TEXT NOT NULL,
    "org_id" TEXT NOT NULL,
    "connector_id" TEXT NOT NULL,
    "status" "LeadSyncJobStatus" NOT NULL DEFAULT 'queued',
    "content_type" TEXT,
    "query" JSONB NOT NULL,
    "body" TEXT NOT NULL,
    "leads" JSONB NOT NULL,
    "lead_count" INTEGER NOT NULL,
    "lead_behaviour" TEXT NOT NULL,
    "activity_behaviour" TEXT,
    "created" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "runs" INTEGER NOT NULL DEFAULT 0,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "notified_at" TIMESTAMPTZ(3),

    CONSTRAINT "lead_sync_jobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lead_sync_results" (
    "job_id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "org_id" TEXT NOT NULL,
    "run" INTEGER NOT NULL,
    "outcome" "LeadSyncOutcome" NOT NULL,
    "fixed" BOOLEAN NOT NULL DEFAULT false,
    "source_lead_id" TEXT,
    "destination_lead_id" TEXT,
    "search_field" TEXT,
    "search_value" TEXT,
    "api_url" TEXT,
    "request" JSONB,
    "response" JSONB,
    "error" TEXT,
    "activity_outcome" TEXT,
    "activity_error" TEXT,
    "source_activity_id" TEXT,
    "destination_activity_id" TEXT,
    "connector_id" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lead_sync_results_pkey" PRIMARY KEY ("job_id","position")
);

-- CreateTable
CREATE TABLE "lead_sync_echoes" (
    "connector_id" TEXT NOT NULL,
    "account_id" TEXT NOT NULL,
    "lead_id" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "fields" TEXT[],
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "lead_sync_echoes_pkey" PRIMARY KEY ("account_id","lead_id","fingerprint")
);

-- CreateIndex
CREATE INDEX "lead_sync_user_grants_org_id_idx" ON "lead_sync_user_grants"("org_id");

-- CreateIndex
CREATE INDEX "lead_sync_connectors_org_id_created_at_idx" ON "lead_sync_connectors"("org_id", "created_at");

-- CreateIndex
CREATE INDEX "lead_sync_jobs_org_id_received_at_id_idx" ON "lead_sync_jobs"("org_id", "received_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "lead_sync_jobs_connector_id_received_at_id_idx" ON "lead_sync_jobs"("connector_id", "received_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "lead_sync_results_org_id_updated_at_idx" ON "lead_sync_results"("org_id", "updated_at" DESC);

-- CreateIndex
CREATE INDEX "lead_sync_results_connector_id_source_activity_id_idx" ON "lead_sync_results"("connector_id", "source_activity_id");

-- CreateIndex
CREATE INDEX "lead_sync_echoes_expires_at_idx" ON "lead_sync_echoes"("expires_at");

-- AddForeignKey
ALTER TABLE "lead_sync_connectors" ADD CONSTRAINT "lead_sync_connectors_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_sync_jobs" ADD CONSTRAINT "lead_sync_jobs_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_sync_jobs" ADD CONSTRAINT "lead_sync_jobs_connector_id_fkey" FOREIGN KEY ("connector_id") REFERENCES "lead_sync_connectors"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_sync_results" ADD CONSTRAINT "lead_sync_results_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "lead_sync_jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_sync_echoes" ADD CONSTRAINT "lead_sync_echoes_connector_id_fkey" FOREIGN KEY ("connector_id") REFERENCES "lead_sync_connectors"("id") ON DELETE CASCADE ON UPDATE CASCADE;

