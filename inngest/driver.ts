import "server-only";
import { registerCallDriver, type CallDriver } from "@/lib/calls/driver";
import { registerWriteDriver, type WriteDriver } from "@/lib/crm-writes/driver";
import { callTaskWake, crmWritesDue, inngest } from "./client";

/**
 * Inngest cannot join a Postgres transaction: the relay sends each wake-up from the outbox at once (the run sleeps to
 * its time) and deletes it only once Inngest took it. The event id makes a re-send after a lost answer harmless.
 */
export const inngestDriver: CallDriver = {
  name: "inngest",
  handOverAheadMs: null,
  handOver: async (_tx, wakeups) => {
    const sentAt = new Date().toISOString();
    await inngest.send(
      wakeups.map((w) => ({
        ...callTaskWake.create({ taskId: w.taskId, agentId: w.agentId, runAt: w.runAt.toISOString(), sentAt }),
        id: `wake-${w.taskId}-${w.fromAttempt}-${w.runAt.getTime()}`,
      })),
    );
  },
};

/** CRM writes: ask for a drain; if Inngest is unreachable the rows wait for the minutely cron. */
export const inngestWriteDriver: WriteDriver = {
  name: "inngest",
  kick: () =>
    void inngest
      .send(crmWritesDue.create({}))
      .catch((err: unknown) => console.error("[inngest] crm/writes.due not sent:", (err as Error).message)),
};

/** Makes Inngest the driver of this process (instrumentation.ts calls it at start-up when Inngest is configured). */
export function registerInngestDriver(): void {
  registerCallDriver(inngestDriver);
  registerWriteDriver(inngestWriteDriver);
}
