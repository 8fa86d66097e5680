// The morning carry-over rush: N call tasks due at the same instant, all dialed through a provider that answers at
// once. Measures the embedded driver (graphile-worker) against a bare loop over the same state changes, in one run.
// Run: npm run bench -- call-rush [--tasks 10000] [--cap 100] [--workers 20]
import { parseArgs } from "node:util";
import { bootBenchDatabase, type BenchDatabase } from "./support";

const { values } = parseArgs({
  options: {
    tasks: { type: "string", default: "10000" },
    cap: { type: "string", default: "100" },
    workers: { type: "string", default: "20" },
  },
});
const TASKS = Number(values.tasks);
const CAP = Number(values.cap);
const WORKERS = Number(values.workers);

async function main() {
  const bench: BenchDatabase = await bootBenchDatabase("call-rush");
  const { db } = await import("@/lib/db");
  const { advanceTasks } = await import("@/lib/calls/engine");
  const { recordReport } = await import("@/lib/calls/writes");
  const { queueWakeups } = await import("@/lib/calls/wakeups");
  const { embeddedDriver } = await import("@/lib/jobs/embedded-queue");
  const { installJobQueue, startEmbeddedWorker } = await import("@/lib/jobs/embedded-worker");
  const { reportThrough, scriptedProvider, testDeps, createAgentRow } = await import("@/test/call-fixtures");
  const { createOrg } = await import("@/test/factories");
  const { newId } = await import("@/lib/ids");

  await installJobQueue(bench.url);
  const { organization } = await createOrg();

  async function seed(dueAt: Date) {
    const agent = await createAgentRow(organization.id, { concurrencyCap: CAP });
    const rows = Array.from({ length: TASKS }, (_, i) => ({
      id: newId("call"),
      orgId: organization.id,
      agentId: agent.id,
      status: "scheduled" as const,
      source: "api",
      phone: `+9198765${String(i).padStart(5, "0")}`,
      variables: {},
      scheduleParams: { window: null, carryOver: true, retries: 0, gapsHours: [], timezone: null, retryOn: ["no_answer"] },
      timezone: "Asia/Kolkata",
      maxAttempts: 1,
      nextAttemptAt: dueAt,
      nextAttemptReason: { kind: "carried_over", windowStart: "09:00", zone: "Asia/Kolkata" },
    }));
    for (let i = 0; i < rows.length; i += 1000) await db.callTask.createMany({ data: rows.slice(i, i + 1000) });
    return { agent, ids: rows.map((r) => r.id) };
  }

  // 1. Bare loop: the same plan → dial → report → settle steps, WORKERS at a time, no queue.
  const bare = await seed(new Date());
  const bareProvider = scriptedProvider({
    outcomes: {},
    reportDelayMs: 0,
    now: () => new Date(),
    onReport: async (agent, report) => (await recordReport(agent, report)) !== null,
  });
  const bareDeps = testDeps(bareProvider.binding, () => new Date());
  const queue = [...bare.ids];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      for (let id = queue.pop(); id; id = queue.pop()) {
        // plan → dial → report → settle, by waking the task until it is finished
        for (;;) {
          await advanceTasks(bareDeps, [id]);
          const { status } = await db.callTask.findUniqueOrThrow({ where: { id }, select: { status: true } });
          if (status === "completed" || status === "failed") break;
          await new Promise((r) => setTimeout(r, 1));
        }
      }
    }),
  );
  const bareMs = performance.now() - t0;
  const bareDone = await db.callTask.count({ where: { agentId: bare.agent.id, status: "completed" } });

  // 2. Embedded driver: the tasks' jobs are enqueued for one instant a little ahead, then the worker takes over.
  const dueAt = new Date(Date.now() + 5_000);
  const rush = await seed(dueAt);
  for (let i = 0; i < rush.ids.length; i += 1000) {
    const ids = rush.ids.slice(i, i + 1000);
    await queueWakeups(
      db,
      ids.map((taskId) => ({ taskId, agentId: rush.agent.id, fromAttempt: 1, runAt: dueAt })),
    );
  }
  const rushProvider = scriptedProvider({
    outcomes: {},
    reportDelayMs: 0,
    now: () => new Date(),
    onReport: reportThrough(embeddedDriver),
  });
  const worker = await startEmbeddedWorker({
    connectionString: bench.url,
    deps: { ...testDeps(rushProvider.binding, () => new Date()), capRecheckMs: 1_000 },
    concurrency: WORKERS,
    pollIntervalMs: 500,
  });
  for (;;) {
    const open = await db.callTask.count({ where: { agentId: rush.agent.id, status: { not: "completed" } } });
    if (open === 0) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  await worker.stop();
  const dials = rushProvider.dials.map((d) => d.at.getTime());
  const lastDialMs = Math.max(...dials) - dueAt.getTime();
  const maxLive = Math.max(...rushProvider.dials.map((d) => d.liveAtStart));

  const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);
  console.log(`call-rush: ${TASKS} tasks due at one instant, agent cap ${CAP}, ${WORKERS} workers, provider answers at once`);
  console.log(`  bare loop        ${Math.round(bareMs)} ms  ${rate(bareDone, bareMs)} tasks/s  (${bareDone} completed)`);
  console.log(
    `  embedded driver  due → last dial ${lastDialMs} ms  ${rate(rushProvider.dials.length, lastDialMs)} dials/s  (${rushProvider.dials.length} dials, max ${maxLive} live, cap ${CAP})`,
  );
  console.log(`  driver overhead  ${(lastDialMs / bareMs).toFixed(2)}× the bare loop's time`);
  await db.$disconnect();
  await bench.stop();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
