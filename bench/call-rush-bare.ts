// The call rush's baseline: the same plan → dial → report → settle state changes, `workers` loops at a time over
// tasks written straight into Postgres, with no queue, no server and a provider that answers at once. Run it before
// the server starts, so no driver or sweeper of the app sees these tasks.

export type BareLoop = { tasks: number; completed: number; ms: number; perSecond: number };

export async function runBareLoop(tasks: number, workers: number): Promise<BareLoop> {
  const { db } = await import("@/lib/db");
  const { advanceTasks } = await import("@/lib/calls/engine");
  const { recordReport } = await import("@/lib/calls/writes");
  const { scriptedProvider, testDeps, createAgentRow } = await import("@/test/call-fixtures");
  const { createOrg } = await import("@/test/factories");
  const { newId } = await import("@/lib/ids");

  const { organization } = await createOrg({ organizationName: "Bare loop", email: "bare@example.com" });
  // One slot per loop: no loop waits for a slot, and a freed slot has few waiting tasks to hand itself to.
  const agent = await createAgentRow(organization.id, { concurrencyCap: workers });
  const rows = Array.from({ length: tasks }, (_, i) => ({
    id: newId("call"),
    orgId: organization.id,
    agentId: agent.id,
    status: "scheduled" as const,
    source: "api",
    phone: `+9198765${String(i).padStart(5, "0")}`,
    variables: {},
    scheduleParams: { window: null, carryOver: true, retries: 0, gapsHours: [], timezone: null, retryOn: ["no_answer"] },
    timezone: "UTC",
    maxAttempts: 1,
    nextAttemptAt: new Date(),
    nextAttemptReason: { kind: "carried_over", windowStart: "09:00", zone: "UTC" },
  }));
  for (let i = 0; i < rows.length; i += 1000) await db.callTask.createMany({ data: rows.slice(i, i + 1000) });

  const provider = scriptedProvider({
    outcomes: {},
    reportDelayMs: 0,
    now: () => new Date(),
    onReport: async (a, report) => (await recordReport(a, report)) !== null,
  });
  const deps = testDeps(provider.binding, () => new Date());
  const queue = rows.map((r) => r.id);
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (let id = queue.pop(); id; id = queue.pop()) {
        // Wake the task until it is finished: claim and dial, then settle once the report is in.
        for (;;) {
          await advanceTasks(deps, [id]);
          const { status } = await db.callTask.findUniqueOrThrow({ where: { id }, select: { status: true } });
          if (status === "completed" || status === "failed") break;
          await new Promise((r) => setTimeout(r, 1));
        }
      }
    }),
  );
  const ms = performance.now() - t0;
  const completed = await db.callTask.count({ where: { agentId: agent.id, status: "completed" } });
  await db.$disconnect();
  return { tasks, completed, ms, perSecond: (completed / ms) * 1000 };
}
