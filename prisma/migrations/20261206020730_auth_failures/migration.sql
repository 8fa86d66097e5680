-- CreateTable
CREATE TABLE "auth_failures" (
    "id" BIGSERIAL NOT NULL,
    "scope" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "auth_failures_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "auth_failures_scope_subject_created_at_idx" ON "auth_failures"("scope", "subject", "created_at");

