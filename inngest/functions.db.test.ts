// The Inngest functions themselves: the relay-and-sweep cron, the chained sleep, and onFailure leaving a task woken.
import { InngestTestEngine } from "@inngest/test";
import { Inngest } from "inngest";
import { beforeEach, describe, expect, it } from "vitest";
import type { CallDriver, Wakeup } from "@/lib/calls/driver";
import { DIAL_IN_FLIGHT_MS, SWEEP_GRACE_MS } from "@/lib/calls/state";
import { wakeAfterFailure } from "@/lib/calls/writes";
import { db } from "@/lib/db";
import { createCallTaskFunction, FAILED_RUN_REWAKE_MS, MAX_SLEEP_MS, sleepTarget } from "@/inngest/functions/call-task";
import { createDrainWritesFunction } from "@/inngest/functions/drain-writes";
import { createWakeupRelayFunction } from "@/inngest/functions/relay-wakeups";
import { crmWritesDue } from "@/inngest/client";
import { registerWriteDriver } from "@/lib/crm-writes/driver";
import { createOrg } from "@/test/factories";
import { truncateAll } from "@/test/databases";
import { scriptedProvider, seedCalls, testDeps } from "@/test/call-fixtures";

const inngest = new Inngest({ id: "leadline-test", isDev: true });

function capturing(): CallDriver & { sent: Wakeup[] } {
  const sent: Wakeup[] = [];
  return { name: "inngest", handOverAheadMs: null, sent, handOver: async (_tx, ws) => void sent.push(...ws) };
}

beforeEach(() => truncateAll(process.env.DATABASE_URL!));

describe("relay-wakeups (cron)", () => {
  it("sends what the request could not, and first wakes tasks whose deadline passed unnoticed", async () => {
    const held = capturing();
    const { agent, tasks } = await seedCalls(held, {
      phones: ["+919876500201", "+919876500202"],
      schedule: {},
      receivedAt: new Date("2030-01-07T05:00:00Z"),
    });
    // The second task's wake-up was handed to Inngest, whose run then vanished: only its deadline tells.
    await db.callWakeup.deleteMany({ where: { taskId: tasks[1]!.id } });
    await db.callTask.update({ where: { id: tasks[1]!.id }, data: { nextAttemptAt: new Date(Date.now() - 120_000) } });
    await db.callWakeup.deleteMany({ where: { taskId: tasks[0]!.id } });
    await db.callWakeup.create({
      data: { taskId: tasks[0]!.id, agentId: agent.id, fromAttempt: 1, runAt: new Date("2030-01-07T05:00:00Z") },
    });

    const driver = capturing();
    const fn = createWakeupRelayFunction(
      inngest,
      () => driver,
      () => ({ outcomeTimeoutMs: 60_000, dialInFlightMs: DIAL_IN_FLIGHT_MS, sweepGraceMs: SWEEP_GRACE_MS }),
    );
    expect(fn.opts.triggers).toEqual([{ cron: "* * * * *" }]);
    const { result, error } = await new InngestTestEngine({ function: fn }).execute();
    expect(error).toBeUndefined();
    expect(result).toEqual({ swept: 1, handedOver: 2 });
    expect(driver.sent.map((w) => w.taskId).sort()).toEqual(tasks.map((t) => t.id).sort());
  });
});

describe("call-task", () => {
  it("sleeps at most Inngest's longest sleep; a longer wait is chained by the step re-queueing the wake-up", async () => {
    const sentAt = "2030-01-01T00:00:00.000Z";
    expect(sleepTarget({ runAt: "2030-01-02T00:00:00.000Z", sentAt })).toBe("2030-01-02T00:00:00.000Z");
    expect(sleepTarget({ runAt: "2030-03-01T00:00:00.000Z", sentAt })).toBe(new Date(Date.parse(sentAt) + MAX_SLEEP_MS).toISOString());

    const held = capturing();
    const due = new Date(Date.now() + 30 * 24 * 3_600_000);
    const { tasks } = await seedCalls(held, { phones: ["+919876500203"], schedule: {}, receivedAt: new Date() });
    await db.callTask.update({ where: { id: tasks[0]!.id }, data: { nextAttemptAt: due } });
    await db.callWakeup.deleteMany();
    const { dials, binding } = scriptedProvider({ outcomes: {}, reportDelayMs: null, now: () => new Date(), onReport: async () => true });
    const fn = createCallTaskFunction(inngest, () => testDeps(binding, () => new Date()));
    const { error } = await new InngestTestEngine({ function: fn }).execute({
      events: [
        {
          name: "call/task.wake",
          data: { taskId: tasks[0]!.id, agentId: tasks[0]!.agentId, runAt: due.toISOString(), sentAt: new Date().toISOString() },
        },
      ],
      steps: [{ id: "wait", handler() {} }],
    });
    expect(error).toBeUndefined();
    expect(dials).toHaveLength(0);
    expect(await db.callWakeup.findMany()).toEqual([expect.objectContaining({ taskId: tasks[0]!.id, runAt: due })]);
  });

  it("onFailure leaves an open task woken through the outbox, with the reason", async () => {
    const held = capturing();
    const { tasks } = await seedCalls(held, { phones: ["+919876500204"], schedule: {}, receivedAt: new Date() });
    await db.callWakeup.deleteMany();
    const before = Date.now();
    await wakeAfterFailure({ taskId: tasks[0]!.id, agentId: tasks[0]!.agentId }, "Postgres was away", FAILED_RUN_REWAKE_MS);
    const [wake] = await db.callWakeup.findMany();
    expect(wake!.runAt.getTime()).toBeGreaterThanOrEqual(before + FAILED_RUN_REWAKE_MS);
    expect(await db.callTask.findUniqueOrThrow({ where: { id: tasks[0]!.id } })).toMatchObject({
      status: "scheduled",
      lastError: "A run of this call failed: Postgres was away",
    });
    const fn = createCallTaskFunction(inngest, () => {
      throw new Error("unused");
    });
    expect(typeof fn.opts.onFailure).toBe("function");
  });
});

describe("CRM writes under Inngest", () => {
  it("a call-task run asks for a drain once its step has run, so the writes a settle queued do not wait for the cron", async () => {
    let kicks = 0;
    registerWriteDriver({ name: "inngest", kick: () => void kicks++ });
    try {
      const { tasks } = await seedCalls(capturing(), { phones: ["+919876500205"], schedule: {}, receivedAt: new Date() });
      const { dials, binding } = scriptedProvider({ outcomes: {}, reportDelayMs: null, now: () => new Date(), onReport: async () => true });
      const fn = createCallTaskFunction(inngest, () => testDeps(binding, () => new Date()));
      const { error } = await new InngestTestEngine({ function: fn }).execute({
        events: [
          {
            name: "call/task.wake",
            data: { taskId: tasks[0]!.id, agentId: tasks[0]!.agentId, runAt: new Date().toISOString(), sentAt: new Date().toISOString() },
          },
        ],
        steps: [{ id: "wait", handler() {} }],
      });
      expect(error).toBeUndefined();
      expect(dials).toHaveLength(1);
      expect(kicks).toBe(1);
    } finally {
      registerWriteDriver(undefined);
    }
  });

  it("the drain function runs on crm/writes.due and every minute, one run at a time, and drains due rows", async () => {
    const { organization } = await createOrg();
    await db.crmWrite.create({
      data: { id: "cw_test_1", orgId: organization.id, kind: "retired_kind", dedupeKey: "retired_kind:1", payload: {} },
    });
    const fn = createDrainWritesFunction(inngest);
    expect(fn.opts.triggers).toEqual([crmWritesDue, { cron: "* * * * *" }]);
    expect(fn.opts.singleton).toEqual({ mode: "skip" });
    const { result, error } = await new InngestTestEngine({ function: fn }).execute({ events: [{ name: "crm/writes.due", data: {} }] });
    expect(error).toBeUndefined();
    expect(result).toEqual({ claimed: 1, written: 0, retried: 0, failed: 1 });
    expect(await db.crmWrite.findUniqueOrThrow({ where: { id: "cw_test_1" } })).toMatchObject({
      status: "failed",
      lastError: 'No handler for writes of kind "retired_kind".',
    });
  });
});
