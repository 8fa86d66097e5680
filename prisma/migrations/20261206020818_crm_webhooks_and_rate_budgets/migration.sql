-- CreateTable
CREATE TABLE "crm_webhooks" (
    "id" TEXT NOT NULL,
    "org_id" TEXT NOT NULL,
    "agent_id" TEXT NOT NULL,
    "crm" "CrmType" NOT NULL,
    "external_id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "crm_webhooks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "crm_rate_budgets" (
    "account" TEXT NOT NULL,
    "budget" TEXT NOT NULL,
    "slots" BIGINT[],
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "crm_rate_budgets_pkey" PRIMARY KEY ("account","budget")
);

-- CreateIndex
CREATE INDEX "crm_webhooks_org_id_agent_id_created_at_idx" ON "crm_webhooks"("org_id", "agent_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "crm_webhooks_org_id_crm_external_id_key" ON "crm_webhooks"("org_id", "crm", "external_id");

-- AddForeignKey
ALTER TABLE "crm_webhooks" ADD CONSTRAINT "crm_webhooks_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "crm_webhooks" ADD CONSTRAINT "crm_webhooks_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

