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

describe("reports that arrive together", () => {
  it("each end their own attempt once and wake their own task, though they share statements; a repeat in the burst is a duplicate", async () => {
    const phones = Array.from({ length: 30 }, (_, i) => `+9198765006${String(i).padStart(2, "0")}`);
    const { agent, tasks } = await seedCalls(outbox, { phones, schedule: {}, receivedAt: new Date(), cap: 30 });
    const claims = await claimDue(
      tasks.map((t) => t.id),
      new Date(),
    );
    expect(claims).toHaveLength(30);
    const callId = (attemptId: string) => `prov_${attemptId}`;
    await recordDialed(
      claims.map((c) => ({ ...c, providerCallId: callId(c.attemptId), deadline: new Date(Date.now() + 60_000) })),
      new Date(),
    );
    const report = (attemptId: string, outcome: "completed" | "busy") => ({
      providerCallId: callId(attemptId),
      attemptId,
      outcome,
      detail: `${outcome} ${attemptId}`,
      endedAt: new Date(),
      retryable: outcome !== "completed",
      summary: outcome === "completed" ? `summary of ${attemptId}` : undefined,
    });
    const outcomeOf = (i: number) => (i % 3 === 0 ? "busy" : "completed");
    // All at once, as a rush's calls end; the first report of the list is also sent twice more.
    const answers = await Promise.all([
      ...claims.map((c, i) => recordReport(agent, report(c.attemptId, outcomeOf(i)))),
      recordReport(agent, report(claims[0]!.attemptId, "busy")),
      recordReport(agent, report(claims[0]!.attemptId, "busy")),
    ]);

    expect(answers.slice(0, 30)).toEqual(claims.map((c) => ({ taskId: c.taskId, attempt: 1, duplicate: false })));
    expect(answers.slice(30)).toEqual([
      { taskId: claims[0]!.taskId, attempt: 1, duplicate: true },
      { taskId: claims[0]!.taskId, attempt: 1, duplicate: true },
    ]);
    const attempts = await db.callAttempt.findMany({ where: { id: { in: claims.map((c) => c.attemptId) } } });
    for (const [i, c] of claims.entries()) {
      expect(attempts.find((a) => a.id === c.attemptId)).toMatchObject({
        status: "ended",
        outcome: outcomeOf(i),
        outcomeDetail: `${outcomeOf(i)} ${c.attemptId}`,
        retryable: outcomeOf(i) !== "completed",
        summary: outcomeOf(i) === "completed" ? `summary of ${c.attemptId}` : null,
      });
    }
    const wakeups = await db.callWakeup.findMany({ where: { taskId: { in: claims.map((c) => c.taskId) } } });
    expect(wakeups.map((w) => w.taskId).sort()).toEqual(claims.map((c) => c.taskId).sort());
    expect(wakeups.every((w) => w.runAt.getTime() <= Date.now())).toBe(true);
  });
});
