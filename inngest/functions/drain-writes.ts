import type { Inngest } from "inngest";
import { drainWrites } from "@/lib/crm-writes/drain";
import { crmWritesDue } from "../client";

/**
 * Drains the CRM write outbox under Inngest: on `crm/writes.due` (sent after a commit that queued writes) and every
 * minute (retries whose backoff ended, rows a dead run leased). One run at a time: another event meanwhile is skipped,
 * the running drain or the next minute picks its rows up.
 */
export function createDrainWritesFunction(inngest: Inngest, drain: typeof drainWrites = drainWrites) {
  return inngest.createFunction(
    {
      id: "drain-crm-writes",
      triggers: [crmWritesDue, { cron: "* * * * *" }],
      singleton: { mode: "skip" },
      onFailure: async ({ error }) => console.error("[inngest] CRM write drain failed:", error.message),
    },
    async ({ step }) => step.run("drain", () => drain()),
  );
}
