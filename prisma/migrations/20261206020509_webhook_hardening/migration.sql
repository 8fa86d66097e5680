-- AlterTable
ALTER TABLE "deliveries" ADD COLUMN     "notes" TEXT;

-- CreateTable
CREATE TABLE "webhook_replay_guards" (
    "key" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "webhook_replay_guards_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "webhook_replay_guards_expires_at_idx" ON "webhook_replay_guards"("expires_at");

