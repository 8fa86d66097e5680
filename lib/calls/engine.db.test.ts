// The engine's promises that no driver can show alone: an unknown dial never rings a lead twice, every open state is
// woken once overdue, no slot is held by a dead attempt, and a batch claim never exceeds a cap.
import { beforeEach, describe, expect, it } from "vitest";
import type { CallDriver } from "@/lib/calls/driver";
import { advanceTasks, attemptIdFor, type ProviderBinding } from "@/lib/calls/engine";
import { DIAL_GIVE_UP_MS, DIAL_IN_FLIGHT_MS, SWEEP_GRACE_MS } from "@/lib/calls/state";
import { relayWakeups, sweepOverdue } from "@/lib/calls/wakeups";
import { claimDue, endAttempts, recordReport } from "@/lib/calls/writes";
import { db } from "@/lib/db";
import type { Agent } from "@/lib/generated/prisma/client";
import { ProviderError, type FoundCall } from "@/lib/providers/voice/port";
import { liveAttempts as live, outboxOnly as outbox, scriptedProvider, seedCalls, testDeps } from "@/test/call-fixtures";
import { truncateAll } from "@/test/databases";

const sweepTimings = { outcomeTimeoutMs: 60_000, dialInFlightMs: DIAL_IN_FLIGHT_MS, sweepGraceMs: SWEEP_GRACE_MS };

/** A task claimed by a server that died before the dial was recorded: dialing, claimed `agoMs` ago. */
async function strandedDial(agoMs: number, schedule: Record<string, string> = {}) {
  const { agent, tasks } = await seedCalls(outbox, { phones: ["+919876500301"], schedule, receivedAt: new Date() });
  const [claim] = await claimDue([tasks[0]!.id], new Date());
  const at = new Date(Date.now() - agoMs);
  await db.callTask.update({ where: { id: claim!.taskId }, data: { updatedAt: at } });
  await db.callAttempt.update({ where: { id: claim!.attemptId }, data: { createdAt: at } });
  await db.callWakeup.deleteMany();
  return { agent, taskId: claim!.taskId, attemptId: claim!.attemptId };
}

function withFindCall(binding: (agent: Agent) => ProviderBinding, findCall: () => Promise<FoundCall>) {
  return (agent: Agent) => {
    const b = binding(agent);
    return { ...b, provider: { ...b.provider, findCall } };
  };
}

beforeEach(() => truncateAll(process.env.DATABASE_URL!));

describe("a dial whose result is unknown", () => {
  const provider = () => scriptedProvider({ outcomes: {}, reportDelayMs: null, now: () => new Date(), onReport: async () => true });

  it("is left alone while it may still be in flight", async () => {
    const { taskId } = await strandedDial(1_000);
    const { dials, binding } = provider();
    await advanceTasks(
      testDeps(binding, () => new Date()),
      [taskId],
    );
    expect(dials).toHaveLength(0);
    expect((await db.callTask.findUniqueOrThrow({ where: { id: taskId } })).status).toBe("dialing");
    expect((await db.callWakeup.findFirstOrThrow()).runAt.getTime()).toBeGreaterThan(Date.now());
  });

  it("is adopted when the provider has the call: the lead is not rung again", async () => {
    const { taskId, attemptId } = await strandedDial(DIAL_IN_FLIGHT_MS + 1_000);
    const { dials, binding } = provider();
    const deps = testDeps(
      withFindCall(binding, async () => ({ kind: "found", providerCallId: "prov_1" })),
      () => new Date(),
    );
    await advanceTasks(deps, [taskId]);
    expect(dials).toHaveLength(0);
    expect(await db.callAttempt.findUniqueOrThrow({ where: { id: attemptId } })).toMatchObject({
      status: "in_progress",
      providerCallId: "prov_1",
    });
    expect((await db.callTask.findUniqueOrThrow({ where: { id: taskId } })).status).toBe("in_progress");
  });

  it("is dialed again, under the same attempt id, when the provider says it never placed it", async () => {
    const { taskId, attemptId } = await strandedDial(DIAL_IN_FLIGHT_MS + 1_000);
    const { dials, binding } = provider();
    await advanceTasks(
      testDeps(binding, () => new Date()),
      [taskId],
    );
    expect(dials.map((d) => d.attemptId)).toEqual([attemptId]);
    expect((await db.callAttempt.findUniqueOrThrow({ where: { id: attemptId } })).status).toBe("in_progress");
  });

  it("is dialed again by one step only when several are woken for it at once (the sweeper, a job freed after an outage)", async () => {
    const { taskId, attemptId } = await strandedDial(DIAL_IN_FLIGHT_MS + 1_000);
    const { dials, binding } = provider();
    // All three hear "absent" only once all three asked, so each would dial on that answer alone.
    let asked = 0;
    let allAsked: () => void;
    const barrier = new Promise<void>((resolve) => (allAsked = resolve));
    const absentOnceAllAsked = async () => {
      if (++asked === 3) allAsked();
      await barrier;
      return { kind: "absent" } as const;
    };
    const deps = testDeps(withFindCall(binding, absentOnceAllAsked), () => new Date());
    await Promise.all([advanceTasks(deps, [taskId]), advanceTasks(deps, [taskId]), advanceTasks(deps, [taskId])]);
    expect(dials.map((d) => d.attemptId)).toEqual([attemptId]);
    expect((await db.callAttempt.findUniqueOrThrow({ where: { id: attemptId } })).status).toBe("in_progress");
  });

  it("is not dialed by a step held up past half the in-flight window after its claim: the provider is asked first", async () => {
    const { tasks } = await seedCalls(outbox, { phones: ["+919876500304"], schedule: {}, receivedAt: new Date() });
    const { dials, binding } = provider();
    // The step's clock jumps between the claim and the dial, as it would for a step stalled on Postgres.
    let heldMs = 0;
    const stalled = (agent: Agent) => ((heldMs = DIAL_IN_FLIGHT_MS / 2 + 1_000), binding(agent));
    await advanceTasks(
      testDeps(stalled, () => new Date(Date.now() + heldMs)),
      [tasks[0]!.id],
    );
    expect(dials).toHaveLength(0);
    const attemptId = attemptIdFor(tasks[0]!.id, 1);
    expect((await db.callAttempt.findUniqueOrThrow({ where: { id: attemptId } })).error).toBe(
      "not dialed: 16 seconds passed between the claim and the dial, so the provider is asked first",
    );
    expect((await db.callTask.findUniqueOrThrow({ where: { id: tasks[0]!.id } })).status).toBe("dialing");
    expect((await db.callWakeup.findFirstOrThrow({ where: { taskId: tasks[0]!.id } })).runAt.getTime()).toBeGreaterThan(
      Date.now() + DIAL_IN_FLIGHT_MS,
    );
  });

  it("ends as failed with the reason when the provider cannot tell, and the retry rule plans the next try", async () => {
    const { agent, taskId, attemptId } = await strandedDial(DIAL_IN_FLIGHT_MS + 1_000, {
      num_of_retries: "1",
      gap_between_retries: "1",
    });
    const { dials, binding } = provider();
    await advanceTasks(
      testDeps(
        withFindCall(binding, async () => ({ kind: "unknown" })),
        () => new Date(),
      ),
      [taskId],
    );
    expect(dials).toHaveLength(0);
    const attempt = await db.callAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(attempt).toMatchObject({ status: "ended", outcome: "failed" });
    expect(attempt.error).toMatch(/result is unknown .* not dialed again/);
    const task = await db.callTask.findUniqueOrThrow({ where: { id: taskId } });
    expect(task).toMatchObject({ status: "scheduled", attemptsMade: 1, lastOutcome: "failed", lastError: attempt.error });
    expect(await live(agent.id)).toBe(0);
    expect((await db.callWakeup.findFirstOrThrow({ where: { taskId } })).runAt).toEqual(task.nextAttemptAt);
  });

  it("keeps a dial the provider refuses with 5xx open, then ends it once the provider stayed away too long", async () => {
    const { agent, tasks } = await seedCalls(outbox, { phones: ["+919876500302"], schedule: {}, receivedAt: new Date() });
    const { dials, binding } = provider();
    const down = (agent: Agent) => {
      const b = binding(agent);
      const refuse = async () => Promise.reject(new ProviderError("Vapi answered 503", true, 503));
      return { ...b, provider: { ...b.provider, startCall: refuse, findCall: async () => ({ kind: "absent" }) as const } };
    };
    await advanceTasks(
      testDeps(down, () => new Date()),
      [tasks[0]!.id],
    );
    const attemptId = attemptIdFor(tasks[0]!.id, 1);
    expect(await db.callAttempt.findUniqueOrThrow({ where: { id: attemptId } })).toMatchObject({
      status: "dialing",
      error: "will retry the dial: Vapi answered 503",
    });
    // Ten minutes of 503s later.
    const past = new Date(Date.now() - DIAL_GIVE_UP_MS - 1_000);
    await db.callAttempt.update({ where: { id: attemptId }, data: { createdAt: past } });
    await db.callTask.update({ where: { id: tasks[0]!.id }, data: { updatedAt: past } });
    await advanceTasks(
      testDeps(down, () => new Date()),
      [tasks[0]!.id],
    );
    const attempt = await db.callAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    expect(attempt).toMatchObject({ status: "ended", outcome: "failed" });
    expect(attempt.error).toMatch(/did not take the call within 10 minutes \(will retry the dial: Vapi answered 503\)/);
    expect(await db.callTask.findUniqueOrThrow({ where: { id: tasks[0]!.id } })).toMatchObject({ status: "failed" });
    expect(await live(agent.id)).toBe(0);
    expect(dials).toHaveLength(0);
  });
});

describe("deadlines", () => {
  it("ends an attempt with no report by the outcome timeout and frees its slot", async () => {
    const { agent, tasks } = await seedCalls(outbox, { phones: ["+919876500303"], schedule: {}, receivedAt: new Date() });
    const { binding } = scriptedProvider({ outcomes: {}, reportDelayMs: null, now: () => new Date(), onReport: async () => true });
    const deps = testDeps(binding, () => new Date());
    await advanceTasks(deps, [tasks[0]!.id]);
    expect(await live(agent.id)).toBe(1);
    const late = testDeps(binding, () => new Date(Date.now() + deps.outcomeTimeoutMs + 1_000));
    await advanceTasks(late, [tasks[0]!.id]);
    expect(await db.callTask.findUniqueOrThrow({ where: { id: tasks[0]!.id } })).toMatchObject({
      status: "failed",
      lastError: "No report from the provider within 1 minute",
    });
    expect(await live(agent.id)).toBe(0);
  });

  it("the sweeper wakes each open state once overdue with nothing pending, and only those, once", async () => {
    const phones = ["+919876500311", "+919876500312", "+919876500313", "+919876500314", "+919876500315"];
    const { tasks } = await seedCalls(outbox, { phones, schedule: {}, receivedAt: new Date() });
    const [overdue, pending, resolving, dialing, fresh] = tasks.map((t) => t.id);
    await db.callWakeup.deleteMany();
    await db.callWakeup.create({ data: { taskId: pending!, agentId: tasks[1]!.agentId, fromAttempt: 1, runAt: new Date() } });
    const old = new Date(Date.now() - SWEEP_GRACE_MS - DIAL_IN_FLIGHT_MS - 5_000);
    await db.callTask.updateMany({ where: { id: { in: [overdue!, pending!] } }, data: { nextAttemptAt: old } });
    await db.callTask.update({ where: { id: resolving }, data: { status: "resolving", updatedAt: old } });
    await claimDue([dialing!], new Date());
    await db.callTask.update({ where: { id: dialing }, data: { updatedAt: old } });
    await db.callTask.update({ where: { id: fresh }, data: { nextAttemptAt: new Date() } });

    expect(await sweepOverdue(sweepTimings)).toBe(3);
    expect((await db.callWakeup.findMany({ select: { taskId: true } })).map((w) => w.taskId).sort()).toEqual(
      [overdue, pending, resolving, dialing].sort(),
    );
    expect(await sweepOverdue(sweepTimings)).toBe(0);
  });

  it("the sweeper wakes due tasks held back by their agent's cap only once a slot is free, as many as are free", async () => {
    const phones = ["+919876500321", "+919876500322", "+919876500323", "+919876500324"];
    const { tasks } = await seedCalls(outbox, { phones, schedule: {}, receivedAt: new Date(), cap: 2 });
    const old = new Date(Date.now() - SWEEP_GRACE_MS - 5_000);
    for (const [i, t] of tasks.entries()) {
      await db.callTask.update({ where: { id: t.id }, data: { nextAttemptAt: new Date(old.getTime() + i * 1_000) } });
    }
    const claims = await claimDue([tasks[0]!.id, tasks[1]!.id], new Date());
    await db.callWakeup.deleteMany();
    expect(await sweepOverdue(sweepTimings)).toBe(0);

    await endAttempts([claims[0]!.attemptId], { error: "test", retryable: true, now: new Date(), dialed: false });
    // The ended attempt's own task (dialing, freshly) is not overdue; the oldest waiting task takes the slot.
    expect(await sweepOverdue(sweepTimings)).toBe(1);
    expect((await db.callWakeup.findMany()).map((w) => w.taskId)).toEqual([tasks[2]!.id]);
  });
});

describe("the batch claim", () => {
  it("claims due attempts of several agents at once, concurrently, never beyond either cap", async () => {
    const phones = (base: number) => Array.from({ length: 20 }, (_, i) => `+9198765${String(base + i).padStart(5, "0")}`);
    const a = await seedCalls(outbox, { phones: phones(40000), schedule: {}, receivedAt: new Date(), cap: 3 });
    const b = await seedCalls(outbox, { phones: phones(41000), schedule: {}, receivedAt: new Date(), cap: 5 });
    const { dials, binding } = scriptedProvider({ outcomes: {}, reportDelayMs: null, now: () => new Date(), onReport: async () => true });
    const deps = testDeps(binding, () => new Date());
    const ids = [...a.tasks, ...b.tasks].map((t) => t.id).sort(() => Math.random() - 0.5);
    await Promise.all([0, 1, 2, 3].map((k) => advanceTasks(deps, ids.slice(k * 10, k * 10 + 10))));
    expect([await live(a.agent.id), await live(b.agent.id)]).toEqual([3, 5]);
    expect(dials).toHaveLength(8);
    // Only the calls on the line wait for a wake-up (their outcome deadline); those held back wait for a freed slot.
    expect(await db.callWakeup.count({ where: { taskId: { in: ids } } })).toBe(8);
  });

  it("hands a slot a report frees to the agent's oldest waiting task in the step that settles it, not on a timer", async () => {
    const phones = Array.from({ length: 5 }, (_, i) => `+91987654${String(i).padStart(4, "0")}`);
    const { agent, tasks } = await seedCalls(outbox, { phones, schedule: {}, receivedAt: new Date(), cap: 2 });
    // Oldest first: the held-back tasks are due one second apart.
    for (const [i, t] of tasks.entries()) {
      await db.callTask.update({ where: { id: t.id }, data: { nextAttemptAt: new Date(Date.now() - 10_000 + i * 1_000) } });
    }
    const { dials, binding, flush } = scriptedProvider({
      outcomes: {},
      reportDelayMs: null,
      now: () => new Date(),
      onReport: async (a, report) => (await recordReport(a, report)) !== null,
    });
    const deps = testDeps(binding, () => new Date());
    await advanceTasks(
      deps,
      tasks.map((t) => t.id),
    );
    expect(dials.map((d) => d.to)).toEqual(phones.slice(0, 2));
    await db.callWakeup.deleteMany({ where: { runAt: { gt: new Date() } } });
    expect(await db.callWakeup.count()).toBe(0);

    // The report wakes only its own task: reports of one busy agent never contend for the waiting tasks' rows.
    await flush(dials[0]!.attemptId);
    const woken = await db.callWakeup.findMany({ where: { runAt: { lte: new Date() } } });
    expect(woken.map((w) => w.taskId)).toEqual([tasks[0]!.id]);

    // Settling it claims the freed slot for the oldest waiting task, in the same step.
    await advanceTasks(
      deps,
      woken.map((w) => w.taskId),
    );
    expect(dials.map((d) => d.to)).toEqual(phones.slice(0, 3));
    expect(await live(agent.id)).toBe(2);
    expect((await db.callTask.findUniqueOrThrow({ where: { id: tasks[0]!.id } })).status).toBe("completed");
  });

  it("never exceeds a cap with two drivers advancing many tasks at once, and dials each exactly once", async () => {
    const phones = (base: number) => Array.from({ length: 30 }, (_, i) => `+9198765${String(base + i).padStart(5, "0")}`);
    const a = await seedCalls(outbox, { phones: phones(50000), schedule: {}, receivedAt: new Date(), cap: 3 });
    const b = await seedCalls(outbox, { phones: phones(51000), schedule: {}, receivedAt: new Date(), cap: 5 });
    const { dials, binding } = scriptedProvider({
      outcomes: {},
      reportDelayMs: 30,
      now: () => new Date(),
      onReport: async (agent, report) => (await recordReport(agent, report)) !== null,
    });
    const deps = testDeps(binding, () => new Date());
    // Seeding handed the first wake-ups to `outbox`; every later one comes through the relay.
    const pending = [...a.tasks, ...b.tasks].map((t) => t.id);
    const capture: CallDriver = {
      name: "inngest",
      handOverAheadMs: 0,
      handOver: async (_tx, ws) => void pending.push(...ws.map((w) => w.taskId)),
    };
    const ids = [...pending];
    const finished = () => db.callTask.count({ where: { id: { in: ids }, status: "completed" } });
    let most = { [a.agent.id]: 0, [b.agent.id]: 0 };
    let done = false;
    const watch = (async () => {
      while (!done) {
        most = {
          [a.agent.id]: Math.max(most[a.agent.id]!, await live(a.agent.id)),
          [b.agent.id]: Math.max(most[b.agent.id]!, await live(b.agent.id)),
        };
      }
    })();
    const driver = async () => {
      for (let round = 0; round < 2_000 && (await finished()) < ids.length; round++) {
        await relayWakeups(capture);
        const batch = pending.splice(0, 25);
        if (batch.length) await advanceTasks(deps, batch);
        else await new Promise((r) => setTimeout(r, 5));
      }
    };
    await Promise.all([driver(), driver()]).finally(() => (done = true));
    await watch;
    expect(await finished()).toBe(60);
    expect(new Set(dials.map((d) => d.attemptId)).size).toBe(60);
    expect(dials).toHaveLength(60);
    expect(most[a.agent.id]).toBeLessThanOrEqual(3);
    expect(most[b.agent.id]).toBeLessThanOrEqual(5);
    expect(most[b.agent.id]).toBeGreaterThan(1);
  }, 90_000);
});
