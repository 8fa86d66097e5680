import type { Inngest } from "inngest";
import type { CallDriver } from "@/lib/calls/driver";
import { relayWakeups, sweepOverdue, type SweepTimings } from "@/lib/calls/wakeups";

/**
 * The outbox's and the sweeper's clock under Inngest: a wake-up is sent right after its commit, and this sends what
 * that missed (Inngest unreachable, the process gone), after waking every task whose deadline passed unnoticed.
 */
export function createWakeupRelayFunction(inngest: Inngest, driver: () => CallDriver, timings: () => SweepTimings) {
  return inngest.createFunction(
    {
      id: "relay-wakeups",
      triggers: [{ cron: "* * * * *" }],
      concurrency: { limit: 1 },
      // The rows stay in the outbox, so the next minute's run picks them up; this only says why.
      onFailure: async ({ error }) => console.error("[inngest] wake-up relay failed:", error.message),
    },
    async ({ step }) => {
      const swept = await step.run("sweep", () => sweepOverdue(timings()));
      const handedOver = await step.run("relay", () => relayWakeups(driver()));
      return { swept, handedOver };
    },
  );
}
