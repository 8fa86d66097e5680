import { afterEach, beforeAll, beforeEach, expect, it } from "vitest";
import { db } from "@/lib/db";
import { embeddedDriver } from "@/lib/jobs/embedded-queue";
import { installJobQueue, startEmbeddedWorker, type EmbeddedWorker } from "@/lib/jobs/embedded-worker";
import { truncateAll } from "@/test/databases";
import { reportThrough, scriptedProvider, seedCalls, testDeps } from "@/test/call-fixtures";

let worker: EmbeddedWorker | undefined;

beforeAll(() => installJobQueue(process.env.DATABASE_URL!));
beforeEach(() => truncateAll(process.env.DATABASE_URL!));
afterEach(async () => worker?.stop());

it("frees jobs that a killed worker pool had locked, instead of waiting graphile-worker's 4 hours", async () => {
  const { tasks } = await seedCalls(embeddedDriver, { phones: ["+919876560001"], schedule: {}, receivedAt: new Date() });
  // A pool that died (SIGKILL) while holding the task's job: its last heartbeat is a minute old.
  await db.workerPool.create({ data: { id: "pool-dead", heartbeatAt: new Date(Date.now() - 60_000) } });
  const locked =
    await db.$executeRaw`UPDATE graphile_worker._private_jobs SET locked_by = 'pool-dead', locked_at = now() WHERE payload::jsonb->'taskIds' ? ${tasks[0]!.id}`;
  expect(locked).toBe(1);

  const { dials, binding } = scriptedProvider({
    outcomes: {},
    reportDelayMs: 50,
    now: () => new Date(),
    onReport: reportThrough(embeddedDriver),
  });
  worker = await startEmbeddedWorker({
    connectionString: process.env.DATABASE_URL!,
    deps: testDeps(binding, () => new Date()),
    pollIntervalMs: 100,
  });

  for (let i = 0; i < 100 && (await db.callTask.findUniqueOrThrow({ where: { id: tasks[0]!.id } })).status !== "completed"; i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  expect((await db.callTask.findUniqueOrThrow({ where: { id: tasks[0]!.id } })).status).toBe("completed");
  expect(dials).toHaveLength(1);
  expect(await db.workerPool.findMany({ select: { id: true } })).toEqual([{ id: worker.poolId }]);
});
