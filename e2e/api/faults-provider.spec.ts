import { expect, test } from "@playwright/test";
import pg from "pg";
import { applyMigrations } from "../../lib/db/migrate";
import { createScratchDatabase } from "../../test/databases";
import { sendBurst, setUpVapiAgents, startFaultRig, type FaultRig } from "../support/fault-rig";
import { waitForEngineInvariants } from "../support/invariants";

// How long the dial step retries a provider's 429/5xx before the attempt ends as failed (the engine's knob).
const DIAL_GIVE_UP_MS = 4_000;
const OUTAGE_MS = 15_000;

let url: string;
let rig: FaultRig;

test.beforeAll(async () => {
  url = await createScratchDatabase(process.env.DATABASE_URL!, "leadline_test_faults_provider");
  await applyMigrations(url);
  rig = await startFaultRig(url, { LEADLINE_DIAL_GIVE_UP_MS: String(DIAL_GIVE_UP_MS) });
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

test.describe("fault: the voice provider fails", () => {
  test("5xx for longer than the dial step's retries: no attempt stays dialing, and every lead is called once it is back", async ({
    playwright,
  }) => {
    test.setTimeout(90_000);
    const agents = await setUpVapiAgents(playwright, rig.server.baseURL, [3]);
    // Down until the first create-call has failed; from then on for OUTAGE_MS, whatever this machine's load.
    rig.vapi.outage(60_000);
    const sent = await sendBurst(rig.server.baseURL, {
      agents,
      firstLead: 3_000,
      senders: 2,
      deliveriesPerSender: 1,
      leadsPerDelivery: 3,
      pauseMs: 0,
      // Four attempts 7.2 s apart outlast the outage, so each lead ends up called.
      schedule: { num_of_retries: "3", gap_between_retries: "0.002,0.002,0.002" },
    });
    expect(sent.acknowledged).toHaveLength(6);
    const failed = () => rig.vapi.createCalls.find((r) => r.status === 503 && r.to?.startsWith("+91900000300"));
    await expect.poll(() => failed(), { timeout: 20_000, intervals: [50] }).toBeTruthy();
    const outageStart = failed()!.at;
    rig.vapi.outage(outageStart + OUTAGE_MS - Date.now());

    // Still inside the outage, past the give-up, a sweep and some slack: a dial that ran out of retries is settled.
    await new Promise((r) => setTimeout(r, outageStart + DIAL_GIVE_UP_MS + 5_000 - Date.now()));
    expect(Date.now()).toBeLessThan(outageStart + OUTAGE_MS);
    const old = await query<{ id: string; status: string }>(
      "SELECT id, status FROM call_attempts WHERE agent_id = ANY($1) AND created_at < now() - $2 * interval '1 millisecond'",
      [agents.agentIds, DIAL_GIVE_UP_MS + 3_000],
    );
    expect(old.length, "attempts claimed early enough to have given up").toBeGreaterThan(0);
    expect(
      old.filter((a) => a.status === "dialing"),
      `attempts dialing for over ${DIAL_GIVE_UP_MS + 3_000} ms in a 5xx outage (LEADLINE_DIAL_GIVE_UP_MS=${DIAL_GIVE_UP_MS})`,
    ).toEqual([]);

    const scope = { url, agentIds: agents.agentIds, acknowledged: sent.acknowledged };
    await waitForEngineInvariants({ ...scope, provider: { createCalls: rig.vapi.createCalls, calls: rig.vapi.calls } }, 60_000);
    const tasks = await query<{ status: string }>("SELECT status FROM call_tasks WHERE agent_id = ANY($1)", [agents.agentIds]);
    expect(tasks.map((t) => t.status)).toEqual(Array(6).fill("completed"));
    // Attempts the provider never accepted ended as failed, saying why, and rang no one.
    const refused = await query<{ status: string; outcome: string | null; error: string | null }>(
      "SELECT status, outcome, error FROM call_attempts WHERE agent_id = ANY($1) AND provider_call_id IS NULL",
      [agents.agentIds],
    );
    for (const a of refused) {
      expect(a).toMatchObject({ status: "ended", outcome: "failed" });
      expect(a.error).toMatch(/5\d\d/);
    }
    const placed = await query("SELECT 1 FROM call_attempts WHERE agent_id = ANY($1) AND provider_call_id IS NOT NULL", [agents.agentIds]);
    expect(placed).toHaveLength(6);
  });

  test("a create-call answer that never comes after the provider placed the call: the lead is not rung twice", async ({ playwright }) => {
    test.setTimeout(90_000);
    const agents = await setUpVapiAgents(playwright, rig.server.baseURL, [3]);
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
