import { expect, test } from "@playwright/test";
import pg from "pg";
import { applyMigrations } from "../../lib/db/migrate";
import { createScratchDatabase } from "../../test/databases";
import { sendBurst, setUpVapiAgents, startFaultRig, type FaultRig } from "../support/fault-rig";
import { waitForEngineInvariants } from "../support/invariants";

// How long the dial step retries a provider's 429/5xx before the attempt ends as failed (the engine's knob).
const DIAL_GIVE_UP_MS = 4_000;

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
