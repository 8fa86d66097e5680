import type { Inngest } from "inngest";
import type { JobDriver } from "@/lib/jobs/driver";
import { relayWakeups } from "@/lib/jobs/wakeups";

/**
 * The outbox's clock under Inngest: a task's event is sent right after its commit, and this sweep sends what that
 * missed (Inngest unreachable, the process gone), also where no server process outlives a request.
 */
export function createWakeupRelayFunction(inngest: Inngest, driver: () => JobDriver) {
  return inngest.createFunction({ id: "relay-wakeups", triggers: [{ cron: "* * * * *" }], concurrency: { limit: 1 } }, async ({ step }) =>
    step.run("relay", async () => ({ handedOver: await relayWakeups(driver()) })),
  );
}
