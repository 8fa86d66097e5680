// The engine after the dial: a batch of ended attempts settles in one step, and a report that beats the record of
// its dial ends its attempt at once.
import { beforeEach, describe, expect, it } from "vitest";
import { CALL_ENDED_WEBHOOK_KIND } from "@/lib/call-webhooks/enqueue";
import { saveCallWebhook } from "@/lib/call-webhooks/queries";
import { advanceTasks } from "@/lib/calls/engine";
import { claimDue, recordDialed, recordReport } from "@/lib/calls/writes";
import { db } from "@/lib/db";
import { truncateAll } from "@/test/databases";
import { createAgentRow, liveAttempts as live, outboxOnly as outbox, scriptedProvider, seedCalls, testDeps } from "@/test/call-fixtures";

beforeEach(() => truncateAll(process.env.DATABASE_URL!));

describe("the batch settle", () => {
  it("settles many ended attempts in one step: each task moves as its own outcome says and queues its own call-ended posts", async () => {
    const phones = ["+919876500401", "+919876500402", "+919876500403", "+919876500404"];
    const { organization, agent, tasks } = await seedCalls(outbox, {
      phones,
      schedule: { num_of_retries: "1", gap_between_retries: "2" },
      receivedAt: new Date(),
    });
    await saveCallWebhook(organization.id, "org", { url: "https://hooks.example.com/calls", events: "final_only", enabled: true });
    const { dials, binding, flush } = scriptedProvider({
      outcomes: { [phones[1]!]: ["no_answer"], [phones[3]!]: ["busy"] },
      reportDelayMs: null,
      now: () => new Date(),
      onReport: async (a, report) => (await recordReport(a, report)) !== null,
    });
    const deps = testDeps(binding, () => new Date());
    const ids = tasks.map((t) => t.id);
    await advanceTasks(deps, ids);
    for (const d of dials) await flush(d.attemptId);

    await advanceTasks(deps, ids);
    const after = await db.callTask.findMany({ where: { id: { in: ids } }, orderBy: { phone: "asc" } });
    expect(after.map((t) => [t.status, t.lastOutcome, t.finishedAt !== null])).toEqual([
      ["completed", "completed", true],
      ["scheduled", "no_answer", false],
      ["completed", "completed", true],
      ["scheduled", "busy", false],
    ]);
    // The retries wake at their own time; the finished calls each queued one call.ended post, the retried ones none.
    const wakeups = await db.callWakeup.findMany({ where: { taskId: { in: ids }, fromAttempt: 2 } });
    expect(wakeups.map((w) => [w.taskId, w.fromAttempt]).sort()).toEqual(
      [
        [after[1]!.id, 2],
        [after[3]!.id, 2],
      ].sort(),
    );
    const posts = await db.crmWrite.findMany({ where: { kind: CALL_ENDED_WEBHOOK_KIND } });
    expect(posts.map((p) => p.taskId).sort()).toEqual([after[0]!.id, after[2]!.id].sort());
    expect(await live(agent.id)).toBe(0);

    // A second run of the same step finds the tasks moved on and queues nothing more.
    await advanceTasks(deps, [after[0]!.id, after[2]!.id]);
    expect(await db.crmWrite.count()).toBe(2);
  });
});

describe("a report that comes before the dial is recorded", () => {
  it("ends its attempt at once, found by our attempt id; the late record of the dial adds only the dial time", async () => {
    const { agent, tasks } = await seedCalls(outbox, { phones: ["+919876500301"], schedule: {}, receivedAt: new Date() });
    const [claim] = await claimDue([tasks[0]!.id], new Date());
    const report = {
      providerCallId: "prov_early",
      outcome: "completed" as const,
      detail: "answered",
      endedAt: new Date(),
      retryable: false,
    };
    // Another agent's report cannot end this attempt, whatever attempt id it names.
    const stranger = await createAgentRow(agent.orgId);
    expect(await recordReport(stranger, { ...report, attemptId: claim!.attemptId })).toBeNull();
    // Without the attempt id the provider's call id is not known yet: the provider is asked to try again.
    expect(await recordReport(agent, report)).toBeNull();

    expect(await recordReport(agent, { ...report, attemptId: claim!.attemptId })).toEqual({
      taskId: claim!.taskId,
      attempt: 1,
      duplicate: false,
    });
    expect(await db.callAttempt.findUniqueOrThrow({ where: { id: claim!.attemptId } })).toMatchObject({
      status: "ended",
      outcome: "completed",
      providerCallId: "prov_early",
      dialedAt: null,
    });
    const dialedAt = new Date();
    await recordDialed([{ ...claim!, providerCallId: "prov_early", deadline: new Date(Date.now() + 60_000) }], dialedAt);
    expect(await db.callAttempt.findUniqueOrThrow({ where: { id: claim!.attemptId } })).toMatchObject({ status: "ended", dialedAt });
    // The task keeps the report's wake-up (now), not the outcome deadline of a call still on the line.
    expect((await db.callWakeup.findUniqueOrThrow({ where: { taskId: claim!.taskId } })).runAt.getTime()).toBeLessThanOrEqual(Date.now());
    expect(await recordReport(agent, report)).toEqual({ taskId: claim!.taskId, attempt: 1, duplicate: true });

    const { dials, binding } = scriptedProvider({ outcomes: {}, reportDelayMs: null, now: () => new Date(), onReport: async () => true });
    await advanceTasks(
      testDeps(binding, () => new Date()),
      [claim!.taskId],
    );
    expect(dials).toHaveLength(0);
    expect(await db.callTask.findUniqueOrThrow({ where: { id: claim!.taskId } })).toMatchObject({
      status: "completed",
      lastOutcome: "completed",
    });
  });
});
