-- CreateEnum
CREATE TYPE "MailStatus" AS ENUM ('queued', 'sent', 'kept', 'failed');

-- CreateTable
CREATE TABLE "lead_sync_notices" (
    "id" TEXT NOT NULL,
    "org_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "job_id" TEXT NOT NULL,
    "run" INTEGER NOT NULL,
    "message" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "seen_at" TIMESTAMPTZ(3),

    CONSTRAINT "lead_sync_notices_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mail_messages" (
    "id" TEXT NOT NULL,
    "org_id" TEXT NOT NULL,
    "to_email" TEXT NOT NULL,
    "to_name" TEXT,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "ref" TEXT,
    "status" "MailStatus" NOT NULL DEFAULT 'queued',
    "last_error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "mail_messages_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "lead_sync_notices_user_id_seen_at_idx" ON "lead_sync_notices"("user_id", "seen_at");

-- CreateIndex
CREATE UNIQUE INDEX "lead_sync_notices_job_id_run_user_id_key" ON "lead_sync_notices"("job_id", "run", "user_id");

-- CreateIndex
CREATE UNIQUE INDEX "mail_messages_dedupe_key_key" ON "mail_messages"("dedupe_key");

-- CreateIndex
CREATE INDEX "mail_messages_org_id_created_at_idx" ON "mail_messages"("org_id", "created_at" DESC);

-- AddForeignKey
ALTER TABLE "lead_sync_notices" ADD CONSTRAINT "lead_sync_notices_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lead_sync_notices" ADD CONSTRAINT "lead_sync_notices_job_id_fkey" FOREIGN KEY ("job_id") REFERENCES "lead_sync_jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "mail_messages" ADD CONSTRAINT "mail_messages_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

