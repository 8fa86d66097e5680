-- CreateTable
CREATE TABLE "call_wakeups" (
    "task_id" TEXT NOT NULL,
    "agent_id" TEXT NOT NULL,
    "from_attempt" INTEGER NOT NULL,
    "run_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "call_wakeups_pkey" PRIMARY KEY ("task_id")
);

-- CreateIndex
CREATE INDEX "call_wakeups_run_at_idx" ON "call_wakeups"("run_at");

-- AddForeignKey
ALTER TABLE "call_wakeups" ADD CONSTRAINT "call_wakeups_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "call_tasks"("id") ON DELETE CASCADE ON UPDATE CASCADE;

