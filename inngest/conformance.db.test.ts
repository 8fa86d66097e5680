// One suite, two drivers: the embedded graphile-worker queue (real time, short gaps) and the Inngest function
// (through @inngest/test, with a fake clock moved to each wake-up's time). Both wake many tasks at once, so the cap
// holds only if the claim enforces it, and both must drive the same state machine alike.
import { InngestTestEngine } from "@inngest/test";
import { Inngest } from "inngest";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { CallDriver, Wakeup } from "@/lib/calls/driver";
import { advanceTasks, type StepDeps } from "@/lib/calls/engine";
import { OPEN_STATUSES } from "@/lib/calls/state";
import { relayWakeups } from "@/lib/calls/wakeups";
import { recordReport } from "@/lib/calls/writes";
import { db } from "@/lib/db";
import { addWakeJobs, embeddedDriver } from "@/lib/jobs/embedded-queue";
import { Prisma } from "@/lib/generated/prisma/client";
import { installJobQueue, startEmbeddedWorker } from "@/lib/jobs/embedded-worker";
import { createCallTaskFunction } from "@/inngest/functions/call-task";
import { truncateAll } from "@/test/databases";
import { reportThrough, scriptedProvider, seedCalls, testDeps, type Dial } from "@/test/call-fixtures";
import type { Outcome } from "@/lib/schedule/types";

type Harness = {
  /** Gap between retries in hours: about a second on the real clock, an hour on the fake one. */
  gapHours: string;
  now: () => Date;
  /** Drives the given tasks until each is finished; returns the dials the provider saw. */
  run(
    script: Record<string, Outcome[]>,
    seed: (driver: CallDriver) => Promise<{ tasks: { id: string; agentId: string }[] }>,
  ): Promise<Dial[]>;
  deps(): StepDeps;
};

const openCount = (taskIds: string[]) => db.callTask.count({ where: { id: { in: taskIds }, status: { in: [...OPEN_STATUSES] } } });

async function waitUntilFinal(taskIds: string[], timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await openCount(taskIds);
    if (open === 0) return;
    if (Date.now() > deadline) throw new Error(`${open} tasks still open after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The embedded driver as several server processes would run it: each task's first wake-up is its own job, and two
 * worker pools start together on those jobs, so the claims race each other (the driver's one job per second would
 * serialise them, and a broken cap would go unnoticed). Later wake-ups take the driver's own path.
 */
function embeddedHarness(): Harness {
  let current: { deps: StepDeps } | undefined;
  const jobPerTask: CallDriver = {
    name: "embedded",
    handOverAheadMs: embeddedDriver.handOverAheadMs,
    handOverSql: addWakeJobs(Prisma.sql`task_id`),
  };
  return {
    gapHours: "0.0003",
    now: () => new Date(),
    deps: () => current!.deps,
    async run(script, seed) {
      const { dials, binding } = scriptedProvider({
        outcomes: script,
        reportDelayMs: 150,
        now: () => new Date(),
        onReport: reportThrough(embeddedDriver),
      });
      const deps = testDeps(binding, () => new Date());
      current = { deps };
      // Seeded before any pool runs: no pool's relay can batch these wake-ups first.
      const { tasks } = await seed(jobPerTask);
      const pools = await Promise.all(
        [1, 2].map(() => startEmbeddedWorker({ connectionString: process.env.DATABASE_URL!, deps, pollIntervalMs: 100 })),
      );
      try {
        await waitUntilFinal(
          tasks.map((t) => t.id),
          30_000,
        );
      } finally {
        await Promise.all(pools.map((p) => p.stop()));
      }
      return dials;
    },
  };
}

/**
 * Inngest as a discrete-event loop: the relay sends every wake-up as an event; at each instant something is due the
 * fake clock moves there and every run due then executes concurrently, as Inngest would start them; then the
 * provider reports the calls placed, which queues their tasks' wake-ups like the status webhook.
 */
function inngestHarness(): Harness {
  let clockMs = 0;
  const now = () => new Date(clockMs);
  let deps: StepDeps | undefined;
  return {
    gapHours: "1",
    now,
    deps: () => deps!,
    async run(script, seed) {
      clockMs = Date.parse("2030-01-07T05:00:00Z");
      const pending: Wakeup[] = [];
      const capture: CallDriver = { name: "inngest", handOverAheadMs: null, handOver: async (_tx, ws) => void pending.push(...ws) };
      const { dials, binding, flush } = scriptedProvider({
        outcomes: script,
        reportDelayMs: null,
        now,
        onReport: async (agent, report) => (await recordReport(agent, report)) !== null,
      });
      deps = testDeps(binding, now);
      const fn = createCallTaskFunction(new Inngest({ id: "leadline-test", isDev: true }), () => deps!);
      const runWake = async (w: Wakeup) => {
        const { error } = await new InngestTestEngine({ function: fn }).execute({
          events: [
            {
              name: "call/task.wake",
              data: { taskId: w.taskId, agentId: w.agentId, runAt: w.runAt.toISOString(), sentAt: now().toISOString() },
            },
          ],
          steps: [{ id: "wait", handler() {} }],
        });
        expect(error).toBeUndefined();
      };
      const { tasks } = await seed(capture);
      const ids = tasks.map((t) => t.id);
      for (let round = 0; round < 400; round++) {
        await relayWakeups(capture, now());
        if ((await openCount(ids)) === 0) return dials;
        if (!pending.length) throw new Error("open tasks with no wake-up: nothing would ever run them");
        clockMs = Math.max(clockMs, Math.min(...pending.map((w) => w.runAt.getTime())));
        const due = pending.filter((w) => w.runAt.getTime() <= clockMs);
        pending.splice(0, pending.length, ...pending.filter((w) => !due.includes(w)));
        await Promise.all(due.map(runWake));
        for (const d of dials) await flush(d.attemptId);
      }
      throw new Error("tasks still open after 400 rounds");
    },
  };
}

const harnesses: Array<[string, () => Harness]> = [
  ["embedded (graphile-worker)", embeddedHarness],
  ["inngest (@inngest/test)", inngestHarness],
];

beforeAll(() => installJobQueue(process.env.DATABASE_URL!));

describe.each(harnesses)("call-task driver: %s", (_name, make) => {
  const h = make();
  const hours = Number(h.gapHours);
  beforeEach(() => truncateAll(process.env.DATABASE_URL!));

  it("dials at once when there is no window, and finishes on an answered call", async () => {
    let seeded: Awaited<ReturnType<typeof seedCalls>> | undefined;
    const dials = await h.run(
      {},
      async (driver) => (seeded = await seedCalls(driver, { phones: ["+919876500011"], schedule: {}, receivedAt: h.now })),
    );
    const task = await db.callTask.findUniqueOrThrow({ where: { id: seeded!.tasks[0]!.id }, include: { attempts: true } });
    expect(dials).toHaveLength(1);
    expect(dials[0]!.at.getTime() - task.createdAt.getTime()).toBeLessThan(hours < 0.01 ? 3000 : 1);
    expect(task).toMatchObject({ status: "completed", attemptsMade: 1, lastOutcome: "completed" });
    expect(task.attempts.map((a) => [a.number, a.status, a.outcome])).toEqual([[1, "ended", "completed"]]);
  });

  it("retries after each gap until the call connects, dialing each attempt exactly once", async () => {
    let seeded: Awaited<ReturnType<typeof seedCalls>> | undefined;
    const phone = "+919876500012";
    const gaps = [h.gapHours, String(hours * 2), h.gapHours].join(",");
    const dials = await h.run(
      { [phone]: ["no_answer", "busy", "completed"] },
      async (driver) =>
        (seeded = await seedCalls(driver, {
          phones: [phone],
          schedule: { num_of_retries: "3", gap_between_retries: gaps },
          receivedAt: h.now,
        })),
    );
    const task = await db.callTask.findUniqueOrThrow({
      where: { id: seeded!.tasks[0]!.id },
      include: { attempts: { orderBy: { number: "asc" } } },
    });
    expect(task).toMatchObject({ status: "completed", attemptsMade: 3, maxAttempts: 4 });
    expect(task.attempts.map((a) => a.outcome)).toEqual(["no_answer", "busy", "completed"]);
    expect(new Set(dials.map((d) => d.attemptId)).size).toBe(dials.length);
    expect(dials).toHaveLength(3);
    // Each retry waits at least its gap after the previous dial.
    const gapMs = [hours, hours * 2].map((g) => g * 3_600_000);
    expect(dials[1]!.at.getTime() - dials[0]!.at.getTime()).toBeGreaterThanOrEqual(gapMs[0]! - 5);
    expect(dials[2]!.at.getTime() - dials[1]!.at.getTime()).toBeGreaterThanOrEqual(gapMs[1]! - 5);
    expect(task.attempts[1]!.reason).toMatchObject({ kind: "retry_gap", gapHours: hours });
  });

  it("gives up when the retries are used up, and honours retry_on", async () => {
    let seeded: Awaited<ReturnType<typeof seedCalls>> | undefined;
    const [a, b] = ["+919876500013", "+919876500014"];
    const dials = await h.run({ [a]: ["no_answer", "no_answer", "no_answer"], [b]: ["no_answer"] }, async (driver) => {
      const first = await seedCalls(driver, {
        phones: [a],
        schedule: { num_of_retries: "2", gap_between_retries: `${h.gapHours},${h.gapHours}` },
        receivedAt: h.now,
      });
      const second = await seedCalls(driver, {
        phones: [b],
        schedule: { num_of_retries: "2", gap_between_retries: `${h.gapHours},${h.gapHours}`, retry_on: "busy" },
        receivedAt: h.now,
      });
      seeded = { ...first, tasks: [...first.tasks, ...second.tasks] };
      return seeded;
    });
    const [exhausted, narrowed] = await Promise.all(seeded!.tasks.map((t) => db.callTask.findUniqueOrThrow({ where: { id: t.id } })));
    expect(exhausted).toMatchObject({ status: "failed", attemptsMade: 3, lastOutcome: "no_answer" });
    expect(exhausted!.nextAttemptReason).toMatchObject({ kind: "finished", why: "all 3 attempts were used" });
    expect(narrowed).toMatchObject({ status: "failed", attemptsMade: 1 });
    expect(narrowed!.nextAttemptReason).toMatchObject({ why: "retry_on does not include no_answer" });
    expect(dials.filter((d) => d.to === a)).toHaveLength(3);
    expect(dials.filter((d) => d.to === b)).toHaveLength(1);
  });

  it("records a repeated report once and never re-dials a finished attempt", async () => {
    let seeded: Awaited<ReturnType<typeof seedCalls>> | undefined;
    const dials = await h.run(
      {},
      async (driver) => (seeded = await seedCalls(driver, { phones: ["+919876500015"], schedule: {}, receivedAt: h.now })),
    );
    const agent = seeded!.agent;
    const attempt = await db.callAttempt.findFirstOrThrow({ where: { taskId: seeded!.tasks[0]!.id } });
    const again = await recordReport(agent, {
      providerCallId: attempt.providerCallId!,
      outcome: "busy",
      detail: "late duplicate",
      endedAt: new Date(),
      retryable: true,
    });
    expect(again).toEqual({ taskId: attempt.taskId, attempt: 1, duplicate: true });
    expect(await db.callAttempt.findUniqueOrThrow({ where: { id: attempt.id } })).toMatchObject({
      outcome: "completed",
      outcomeDetail: "scripted completed",
    });
    // Woken again after it finished: nothing is dialed.
    await advanceTasks(h.deps(), [attempt.taskId]);
    expect(dials).toHaveLength(1);
  });

  it("keeps an agent's live calls under its concurrency cap and still places them all", async () => {
    const phones = Array.from({ length: 6 }, (_, i) => `+91987650010${i}`);
    let seeded: Awaited<ReturnType<typeof seedCalls>> | undefined;
    const dials = await h.run(
      {},
      async (driver) => (seeded = await seedCalls(driver, { phones, schedule: {}, receivedAt: h.now, cap: 2 })),
    );
    expect(dials).toHaveLength(6);
    expect(Math.max(...dials.map((d) => d.liveAtStart))).toBeLessThanOrEqual(2);
    expect(await db.callTask.count({ where: { agentId: seeded!.agent.id, status: "completed" } })).toBe(6);
  });
});
