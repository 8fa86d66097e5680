// createTasks, the one write that makes call tasks (the calls API alone, the webhook inside its group commit).
import { beforeEach, describe, expect, it } from "vitest";
import { newCallTaskRow } from "@/lib/calls/create";
import { createCall } from "@/lib/calls/queries";
import { createTasks } from "@/lib/calls/writes";
import { db } from "@/lib/db";
import { parseScheduleParams } from "@/lib/schedule/parse-schedule-params";
import { truncateAll } from "@/test/databases";
import { createAgentRow } from "@/test/call-fixtures";
import { createOrg } from "@/test/factories";

const parsed = parseScheduleParams({ min_trigger_time: "09:00", max_trigger_time: "18:00", carry_over: "true" });
if (!parsed.ok) throw new Error("bad params");
const WINDOW = parsed.params;

beforeEach(() => truncateAll(process.env.DATABASE_URL!));

async function rows() {
  const { organization } = await createOrg();
  const agent = await createAgentRow(organization.id);
  // 20:00 in Kolkata: outside the window, so the first attempt is carried over to 09:00 the next morning.
  const receivedAt = new Date("2026-11-23T14:30:00Z");
  const row = (phone: string | null, dedupeKey: string | null) =>
    newCallTaskRow({
      orgId: organization.id,
      agent,
      source: "leadsquared",
      phone,
      variables: phone ? { phone } : {},
      params: WINDOW,
      fallbackZone: "Asia/Kolkata",
      receivedAt,
      dedupeKey,
    });
  return { agent, row, receivedAt };
}

describe("createTasks", () => {
  it("writes each task with its first wake-up at its planned time, in one transaction", async () => {
    const { row } = await rows();
    const [a, b] = [row("+919876543210", "k:1"), row(null, "k:2")];
    const ids = await db.$transaction((tx) => createTasks(tx, [a, b]));
    expect(ids).toEqual([a.id, b.id]);
    const tasks = await db.callTask.findMany({ orderBy: { phone: "desc" } });
    expect(tasks.map((t) => [t.id, t.status, t.nextAttemptAt?.toISOString(), t.activeDedupeKey])).toEqual([
      [a.id, "scheduled", "2026-11-24T03:30:00.000Z", "k:1"],
      [b.id, "resolving", "2026-11-23T14:30:00.000Z", "k:2"],
    ]);
    const wakeups = await db.callWakeup.findMany({ orderBy: { runAt: "asc" } });
    expect(wakeups.map((w) => [w.taskId, w.fromAttempt, w.runAt.toISOString()])).toEqual([
      [b.id, 1, "2026-11-23T14:30:00.000Z"],
      [a.id, 1, "2026-11-24T03:30:00.000Z"],
    ]);
  });

  it("gives a lead that already has an open call that call's id, and creates nothing and wakes nothing more", async () => {
    const { row } = await rows();
    const first = row("+919876543210", "k:1");
    await db.$transaction((tx) => createTasks(tx, [first]));
    await db.callWakeup.deleteMany();
    const again = row("+919876543210", "k:1");
    expect(await db.$transaction((tx) => createTasks(tx, [again]))).toEqual([first.id]);
    expect(await db.callTask.count()).toBe(1);
    expect(await db.callWakeup.count()).toBe(0);
  });

  it("rolls back with the caller's transaction: no task, no wake-up", async () => {
    const { row } = await rows();
    await expect(
      db.$transaction(async (tx) => {
        await createTasks(tx, [row("+919876543210", null)]);
        throw new Error("the caller failed after");
      }),
    ).rejects.toThrow("the caller failed after");
    expect([await db.callTask.count(), await db.callWakeup.count()]).toEqual([0, 0]);
  });

  it("lets two calls-API requests with one idempotency key race: one call, both answered with it", async () => {
    const { organization } = await createOrg();
    const agent = await createAgentRow(organization.id);
    const input = { agentId: agent.id, phone: "+919876543210", name: " Asha ", variables: {}, schedule: {} };
    const answers = await Promise.all(Array.from({ length: 4 }, () => createCall(organization.id, input, "key-1")));
    expect(new Set(answers.map((a) => a.call.id)).size).toBe(1);
    expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
    expect(answers[0]!.call.leadName).toBe("Asha");
    expect(await db.callTask.count()).toBe(1);
  });
});
