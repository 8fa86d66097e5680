// The wake-up outbox: written with the task, handed to the driver by the relay when due, exactly once, and kept
// through a failed hand-over.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createCallTask } from "@/lib/calls/create";
import { cancelCall } from "@/lib/calls/queries";
import type { CallDriver, Wakeup } from "@/lib/calls/driver";
import { HAND_OVER_WAIT_MS, handOverIfDue, queueWakeup, relaySoon, relayWakeups, sleepAgain } from "@/lib/calls/wakeups";
import { db } from "@/lib/db";
import { EMBEDDED_HAND_OVER_AHEAD_MS, embeddedDriver } from "@/lib/jobs/embedded-queue";
import { installJobQueue, startEmbeddedWorker, type EmbeddedWorker } from "@/lib/jobs/embedded-worker";
import { parseScheduleParams } from "@/lib/schedule/parse-schedule-params";
import { truncateAll } from "@/test/databases";
import { createAgentRow, scriptedProvider, testDeps } from "@/test/call-fixtures";
import { createOrg } from "@/test/factories";

const NO_WINDOW = (() => {
  const parsed = parseScheduleParams({});
  if (!parsed.ok) throw new Error("bad params");
  return parsed.params;
})();

/** Call tasks created as every path creates them (task and wake-up in one transaction), none relayed yet. */
async function tasksWaking(at: Date[]) {
  const { organization } = await createOrg();
  const agent = await createAgentRow(organization.id);
  const tasks = await db.$transaction((tx) =>
    Promise.all(
      at.map((receivedAt, i) =>
        createCallTask(tx, {
          orgId: organization.id,
          agent,
          source: "api",
          phone: `+9198765700${String(i).padStart(2, "0")}`,
          variables: {},
          params: NO_WINDOW,
          fallbackZone: "Asia/Kolkata",
          receivedAt,
        }),
      ),
    ),
  );
  return { organization, agent, tasks };
}

const jobRunAt = async (taskId: string) =>
  (
    await db.$queryRaw<
      Array<{ run_at: Date }>
    >`SELECT run_at FROM graphile_worker._private_jobs WHERE payload::jsonb->'taskIds' ? ${taskId}`
  )[0]?.run_at ?? null;

type RecordingDriver = Extract<CallDriver, { handOver: unknown }> & { sent: Wakeup[]; fail: boolean; delayMs: number };

function recordingDriver(): RecordingDriver {
  // Inngest's shape: every wake-up at once, however far ahead.
  const driver = {
    name: "inngest" as const,
    handOverAheadMs: null,
    sent: [] as Wakeup[],
    fail: false,
    delayMs: 0,
    handOver: async (_tx: unknown, wakeups: Wakeup[]) => {
      await new Promise((r) => setTimeout(r, driver.delayMs));
      if (driver.fail) throw new Error("Inngest answered 503");
      driver.sent.push(...wakeups);
    },
  };
  return driver;
}

let worker: EmbeddedWorker | undefined;
beforeAll(() => installJobQueue(process.env.DATABASE_URL!));
beforeEach(() => truncateAll(process.env.DATABASE_URL!));
afterEach(async () => {
  await worker?.stop();
  worker = undefined;
});

describe("the wake-up outbox", () => {
  it("keeps one wake-up per task: the latest decision replaces the earlier one", async () => {
    const { agent, tasks } = await tasksWaking([new Date("2030-01-07T05:00:00Z")]);
    await queueWakeup(db, { taskId: tasks[0]!.id, agentId: agent.id, fromAttempt: 3, runAt: new Date("2030-01-08T05:00:00Z") });
    expect(await db.callWakeup.findMany()).toEqual([
      { taskId: tasks[0]!.id, agentId: agent.id, fromAttempt: 3, runAt: new Date("2030-01-08T05:00:00Z") },
    ]);
  });

  it("a step putting a task back to sleep never pushes back a wake-up queued meanwhile, and brings a later one forward", async () => {
    const reportAt = new Date("2030-01-07T05:00:00Z");
    const { agent, tasks } = await tasksWaking([reportAt, new Date("2030-01-09T05:00:00Z")]);
    const deadline = new Date("2030-01-08T05:00:00Z");
    await sleepAgain(
      db,
      tasks.map((t) => ({ taskId: t.id, agentId: agent.id, fromAttempt: 1, runAt: deadline })),
    );
    const runAt = async (taskId: string) => (await db.callWakeup.findUniqueOrThrow({ where: { taskId } })).runAt;
    expect([await runAt(tasks[0]!.id), await runAt(tasks[1]!.id)]).toEqual([reportAt, deadline]);
  });

  it("hands graphile-worker only what is due within its horizon, as wake jobs at their time", async () => {
    const now = new Date("2030-01-07T05:00:00Z");
    const soon = new Date(now.getTime() + EMBEDDED_HAND_OVER_AHEAD_MS);
    const later = new Date(soon.getTime() + 1);
    const { tasks } = await tasksWaking([new Date(now.getTime() - 60_000), soon, later]);
    expect(await relayWakeups(embeddedDriver, now)).toBe(2);
    expect([await jobRunAt(tasks[0]!.id), await jobRunAt(tasks[1]!.id), await jobRunAt(tasks[2]!.id)]).toEqual([
      new Date(now.getTime() - 60_000),
      soon,
      null,
    ]);
    expect((await db.callWakeup.findMany()).map((w) => w.taskId)).toEqual([tasks[2]!.id]);
    // Nothing is handed over twice.
    expect(await relayWakeups(embeddedDriver, now)).toBe(0);
  });

  it("hands every wake-up over exactly once when relays race, in one process or several", async () => {
    const now = new Date();
    const { tasks } = await tasksWaking(Array.from({ length: 40 }, () => now));
    const driver = recordingDriver();
    driver.delayMs = 30;
    // Two relays at once take disjoint rows (SKIP LOCKED), as two server processes would.
    const counts = await Promise.all([relayWakeups(driver), relayWakeups(driver)]);
    expect(counts[0]! + counts[1]!).toBe(40);
    expect(driver.sent.map((w) => w.taskId).sort()).toEqual(tasks.map((t) => t.id).sort());
    expect(await db.callWakeup.count()).toBe(0);
  });

  it("runs one pass at a time in a process, shared by the callers who ask meanwhile, covering what they committed", async () => {
    const driver = recordingDriver();
    let passes = 0;
    let running = 0;
    let mostAtOnce = 0;
    let entered!: () => void;
    const firstPassHolds = new Promise<void>((resolve) => (entered = resolve));
    const handOver = driver.handOver;
    driver.handOver = async (tx, wakeups) => {
      passes++;
      mostAtOnce = Math.max(mostAtOnce, ++running);
      entered();
      await handOver(tx, wakeups).finally(() => running--);
    };
    driver.delayMs = 300;
    await tasksWaking([new Date()]);
    const first = relaySoon(driver);
    await firstPassHolds;
    // Committed after the first pass claimed its row: the next pass, shared by all five callers, takes them.
    await tasksWaking([new Date(), new Date()]);
    await Promise.all(Array.from({ length: 5 }, () => relaySoon(driver)));
    expect(driver.sent).toHaveLength(3);
    expect([passes, mostAtOnce]).toEqual([2, 1]);
    await first;
  });

  it("answers the request after at most HAND_OVER_WAIT_MS while the driver hangs, and the pass still finishes", async () => {
    const driver = recordingDriver();
    driver.delayMs = HAND_OVER_WAIT_MS + 1_000;
    const { tasks } = await tasksWaking([new Date()]);
    const started = Date.now();
    await handOverIfDue(driver, [new Date()]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(HAND_OVER_WAIT_MS - 50);
    expect(Date.now() - started).toBeLessThan(HAND_OVER_WAIT_MS + 500);
    expect(driver.sent).toEqual([]);
    await relaySoon(driver);
    expect(driver.sent.map((w) => w.taskId)).toEqual([tasks[0]!.id]);
  });

  it("keeps the wake-ups of a failed hand-over for the next pass", async () => {
    const { tasks } = await tasksWaking([new Date(), new Date()]);
    const driver = recordingDriver();
    driver.fail = true;
    await expect(relayWakeups(driver)).rejects.toThrow(/503/);
    await relaySoon(driver);
    expect(await db.callWakeup.count()).toBe(2);
    driver.fail = false;
    expect(await relayWakeups(driver)).toBe(2);
    expect(driver.sent.map((w) => w.taskId).sort()).toEqual(tasks.map((t) => t.id).sort());
  });

  it("drops the wake-up of a cancelled call", async () => {
    const { organization, tasks } = await tasksWaking([new Date("2030-01-07T05:00:00Z")]);
    await cancelCall(organization.id, tasks[0]!.id);
    expect(await db.callWakeup.count()).toBe(0);
  });
});

describe("the relay's clocks", () => {
  it("the embedded worker relays on its own: a task whose wake-up was only committed is dialed", async () => {
    const { tasks } = await tasksWaking([new Date()]);
    const { dials, binding } = scriptedProvider({ outcomes: {}, reportDelayMs: null, now: () => new Date(), onReport: async () => true });
    worker = await startEmbeddedWorker({
      connectionString: process.env.DATABASE_URL!,
      deps: testDeps(binding, () => new Date()),
      pollIntervalMs: 100,
    });
    const onLine = async () => (await db.callTask.findUniqueOrThrow({ where: { id: tasks[0]!.id } })).status === "in_progress";
    for (let i = 0; i < 50 && !(await onLine()); i++) await new Promise((r) => setTimeout(r, 100));
    expect(dials.map((d) => d.to)).toEqual([tasks[0]!.phone]);
    // The first wake-up was handed over; what waits now is the dialed attempt's outcome deadline.
    const [deadline, ...others] = await db.callWakeup.findMany();
    expect(others).toEqual([]);
    expect(deadline!.runAt.getTime()).toBeGreaterThan(Date.now() + 50_000);
  });
});
