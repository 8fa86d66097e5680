import { expect, test } from "@playwright/test";
import pg from "pg";
import { applyMigrations } from "../../lib/db/migrate";
import { createScratchDatabase } from "../../test/databases";
import { sendBurst, setUpVapiAgents, startFaultRig, type FaultAgents, type FaultRig } from "../support/fault-rig";
import { waitForEngineInvariants } from "../support/invariants";

// How long the dial step retries a provider's 429/5xx before the attempt ends as failed (the engine's knob).
const DIAL_GIVE_UP_MS = 4_000;
// 36 s between a given-up attempt and the next: longer than the first attempts of six leads at a cap of 3 take to give up.
const GAP_HOURS = 0.01;

let url: string;
let rig: FaultRig;
// One organisation (the server's first-run setup happens once), one agent capped at 3 calls per test.
let agentFor: (test: number) => FaultAgents;

test.beforeAll(async ({ playwright }) => {
  url = await createScratchDatabase(process.env.DATABASE_URL!, "leadline_test_faults_provider");
  await applyMigrations(url);
  rig = await startFaultRig(url, { LEADLINE_DIAL_GIVE_UP_MS: String(DIAL_GIVE_UP_MS) });
  const { key, agentIds } = await setUpVapiAgents(playwright, rig.server.baseURL, [3, 3]);
  agentFor = (n) => ({ key, agentIds: [agentIds[n]!] });
});
test.afterAll(async () => rig?.stop());

async function query<T extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

type AttemptRow = {
  task_id: string;
  number: number;
  status: string;
  outcome: string | null;
  error: string | null;
  provider_call_id: string | null;
  created_at: Date;
  dialed_at: Date | null;
  ended_at: Date | null;
};

test.describe("fault: the voice provider fails", () => {
  test("5xx for longer than the dial's give-up: each attempt ends failed, the retry rule schedules the next, and it is called once the provider is back", async () => {
    test.setTimeout(240_000);
    const agents = agentFor(0);
    // Down from before the first dial until every lead's first attempt has given up, however long a loaded machine takes.
    rig.vapi.outage(600_000);
    const sent = await sendBurst(rig.server.baseURL, {
      agents,
      firstLead: 3_000,
      senders: 2,
      deliveriesPerSender: 1,
      leadsPerDelivery: 3,
      pauseMs: 0,
      schedule: { num_of_retries: "1", gap_between_retries: String(GAP_HOURS) },
    });
    expect(sent.acknowledged).toHaveLength(6);
    const attempts = () =>
      query<AttemptRow>(
        `SELECT task_id, number, status, outcome, error, provider_call_id, created_at, dialed_at, ended_at FROM call_attempts
         WHERE agent_id = ANY($1) ORDER BY task_id, number`,
        [agents.agentIds],
      );
    const tasks = () =>
      query<{ id: string; status: string; attempts_made: number; next_attempt_at: Date | null }>(
        "SELECT id, status, attempts_made, next_attempt_at FROM call_tasks WHERE agent_id = ANY($1) ORDER BY id",
        [agents.agentIds],
      );
    const givenUp = async () => (await attempts()).filter((a) => a.number === 1 && a.status === "ended").length;
    await expect.poll(givenUp, { timeout: 120_000, intervals: [200] }).toBe(6);

    // Still down: every task is scheduled exactly as the retry rule says, nothing is dialing and no slot is held.
    const during = await attempts();
    expect(during.map((a) => [a.number, a.status, a.outcome, a.provider_call_id])).toEqual(Array(6).fill([1, "ended", "failed", null]));
    for (const a of during) {
      expect(a.error).toMatch(/5\d\d/);
      expect(a.ended_at!.getTime() - a.created_at.getTime()).toBeGreaterThanOrEqual(DIAL_GIVE_UP_MS);
    }
    const retryAt = new Map(during.map((a) => [a.task_id, a.dialed_at!.getTime() + Math.round(GAP_HOURS * 3_600_000)]));
    expect((await tasks()).map((t) => [t.id, t.status, t.attempts_made, t.next_attempt_at?.getTime()])).toEqual(
      [...retryAt].map(([id, at]) => [id, "scheduled", 1, at]),
    );
    expect(rig.vapi.calls()).toHaveLength(0);

    // Back: each lead is dialed once, at its retry time, and answers.
    rig.vapi.outage(0);
    const scope = { url, agentIds: agents.agentIds, acknowledged: sent.acknowledged };
    await expect
      .poll(async () => (await tasks()).map((t) => t.status), { timeout: 60_000 + GAP_HOURS * 3_600_000, intervals: [500] })
      .toEqual(Array(6).fill("completed"));
    await waitForEngineInvariants({ ...scope, provider: { createCalls: rig.vapi.createCalls, calls: rig.vapi.calls } }, 30_000);
    const after = await attempts();
    expect(after.map((a) => [a.number, a.outcome])).toEqual(
      Array(6)
        .fill([
          [1, "failed"],
          [2, "completed"],
        ])
        .flat(),
    );
    for (const a of after.filter((a) => a.number === 2)) expect(a.dialed_at!.getTime()).toBeGreaterThanOrEqual(retryAt.get(a.task_id)!);
    const placed = rig.vapi.createCalls.filter((r) => r.callId && r.to?.startsWith("+91900000300"));
    expect(placed.map((r) => r.attemptId).sort()).toEqual(
      after
        .filter((a) => a.number === 2)
        .map((a) => `att_${a.task_id.slice(5)}_2`)
        .sort(),
    );
  });

  test("a create-call answer that never comes after the provider placed the call: the lead is not rung twice", async () => {
    test.setTimeout(90_000);
    const agents = agentFor(1);
    // The calls are placed and ring, but their answers are held past the client's timeout: dials of unknown result.
    rig.vapi.acceptThenHang(3);
    const sent = await sendBurst(rig.server.baseURL, {
      agents,
      firstLead: 3_100,
      senders: 1,
      deliveriesPerSender: 1,
      leadsPerDelivery: 3,
      pauseMs: 0,
      schedule: { num_of_retries: "1", gap_between_retries: "0.001" },
    });
    expect(sent.acknowledged).toHaveLength(3);
    const held = () => rig.vapi.createCalls.filter((r) => r.callId && r.status === null && r.to?.startsWith("+91900000310"));
    await expect.poll(() => held().length, { timeout: 20_000, intervals: [50] }).toBe(3);
    await waitForEngineInvariants(
      {
        url,
        agentIds: agents.agentIds,
        acknowledged: sent.acknowledged,
        provider: { createCalls: rig.vapi.createCalls, calls: rig.vapi.calls },
      },
      60_000,
    );
    // Each lead answered its one call, so each task completed on its first attempt.
    const tasks = await query<{ status: string; attempts_made: number }>(
      "SELECT status, attempts_made FROM call_tasks WHERE agent_id = ANY($1)",
      [agents.agentIds],
    );
    expect(tasks).toEqual(Array(3).fill({ status: "completed", attempts_made: 1 }));
  });
});
