-- CreateEnum
CREATE TYPE "VoiceProviderName" AS ENUM ('simulator', 'vapi');

-- CreateEnum
CREATE TYPE "CallStatus" AS ENUM ('scheduled', 'dialing', 'in_progress', 'completed', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "AttemptStatus" AS ENUM ('dialing', 'in_progress', 'ended');

-- CreateEnum
CREATE TYPE "CallOutcome" AS ENUM ('completed', 'no_answer', 'busy', 'voicemail', 'failed');

-- CreateTable
CREATE TABLE "agents" (
    "id" TEXT NOT NULL,
    "org_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "provider" "VoiceProviderName" NOT NULL DEFAULT 'simulator',
    "provider_settings" JSONB NOT NULL DEFAULT '{}',
    "provider_secrets" TEXT,
    "timezone" TEXT,
    "concurrency_cap" INTEGER NOT NULL DEFAULT 5,
    "phone_variable" TEXT NOT NULL DEFAULT 'phone',
    "schedule_defaults" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "agents_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "call_tasks" (
    "id" TEXT NOT NULL,
    "org_id" TEXT NOT NULL,
    "agent_id" TEXT NOT NULL,
    "status" "CallStatus" NOT NULL,
    "source" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "lead_name" TEXT,
    "crm_lead_id" TEXT,
    "variables" JSONB NOT NULL,
    "schedule_params" JSONB NOT NULL,
    "timezone" TEXT NOT NULL,
    "max_attempts" INTEGER NOT NULL,
    "attempts_made" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3),
    "next_attempt_reason" JSONB,
    "last_outcome" "CallOutcome",
    "last_error" TEXT,
    "idempotency_key" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "call_tasks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "call_attempts" (
    "id" TEXT NOT NULL,
    "task_id" TEXT NOT NULL,
    "agent_id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "status" "AttemptStatus" NOT NULL,
    "scheduled_at" TIMESTAMPTZ(3) NOT NULL,
    "reason" JSONB NOT NULL,
    "dialed_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "provider" "VoiceProviderName" NOT NULL,
    "provider_call_id" TEXT,
    "outcome" "CallOutcome",
    "outcome_detail" TEXT,
    "retryable" BOOLEAN,
    "error" TEXT,
    "variables_sent" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "call_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "worker_pools" (
    "id" TEXT NOT NULL,
    "heartbeat_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "worker_pools_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "agents_org_id_created_at_idx" ON "agents"("org_id", "created_at");

-- CreateIndex
CREATE INDEX "call_tasks_org_id_created_at_id_idx" ON "call_tasks"("org_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "call_tasks_agent_id_status_next_attempt_at_idx" ON "call_tasks"("agent_id", "status", "next_attempt_at");

-- CreateIndex
CREATE UNIQUE INDEX "call_tasks_org_id_idempotency_key_key" ON "call_tasks"("org_id", "idempotency_key");

-- CreateIndex
CREATE INDEX "call_attempts_agent_id_status_idx" ON "call_attempts"("agent_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "call_attempts_task_id_number_key" ON "call_attempts"("task_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "call_attempts_provider_provider_call_id_key" ON "call_attempts"("provider", "provider_call_id");

-- AddForeignKey
ALTER TABLE "agents" ADD CONSTRAINT "agents_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "call_tasks" ADD CONSTRAINT "call_tasks_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "call_attempts" ADD CONSTRAINT "call_attempts_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "call_tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

