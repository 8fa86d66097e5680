import { expect, test } from "@playwright/test";
import { applyMigrations } from "../../lib/db/migrate";
import { createScratchDatabase } from "../../test/databases";
import { faultRandom, phoneOf, sendBurst, setUpVapiAgents, startFaultRig, type FaultRig } from "../support/fault-rig";
import { waitForEngineInvariants } from "../support/invariants";

// Its own database and server, killed and restarted; the suite's shared server must not pick up these jobs.
let url: string;
let rig: FaultRig | undefined;

test.beforeAll(async () => {
  url = await createScratchDatabase(process.env.DATABASE_URL!, "leadline_test_faults_kill");
  await applyMigrations(url);
});
test.afterAll(async () => rig?.stop());

const RUNS = 3;
const LEADS_PER_RUN = 3 * 5 * 4;

test.describe("fault: the web server is killed with SIGKILL in the middle of a burst", () => {
  test("each of three runs, killed at a seeded random moment and restarted, ends with every invariant holding", async ({ playwright }) => {
    test.setTimeout(RUNS * 70_000);
    const { random } = faultRandom("server SIGKILL");
    rig = await startFaultRig(url);
    const agents = await setUpVapiAgents(playwright, rig.server.baseURL, [8, 4]);
    const acknowledged: string[] = [];

    for (let run = 0; run < RUNS; run++) {
      const firstLead = 1_000 + run * LEADS_PER_RUN;
      // Every fourth lead does not answer, so retries are scheduled and settled across the crash too.
      for (let n = firstLead; n < firstLead + LEADS_PER_RUN; n += 4) rig.vapi.setEndedReason(phoneOf(n), "customer-did-not-answer");
      const progress = { acknowledged: [] as string[] };
      const burst = sendBurst(rig.server.baseURL, {
        progress,
        agents,
        firstLead,
        senders: 3,
        deliveriesPerSender: 5,
        leadsPerDelivery: 4,
        pauseMs: 150,
        schedule: { num_of_retries: "1", gap_between_retries: "0.001" },
      });
      // From the first acknowledged delivery to well into the dialing that follows the burst.
      await expect.poll(() => progress.acknowledged.length, { timeout: 15_000, intervals: [20] }).toBeGreaterThan(0);
      const delayMs = Math.round(random() * 3_000);
      await new Promise((r) => setTimeout(r, delayMs));
      await rig.server.kill("SIGKILL");
      const sent = await burst;
      console.log(
        `[faults] run ${run + 1}: killed ${delayMs} ms after the first acknowledgement, ${sent.acknowledged.length} leads acknowledged`,
      );
      acknowledged.push(...sent.acknowledged);
      await rig.restart();
      await waitForEngineInvariants(
        { url, agentIds: agents.agentIds, acknowledged, provider: { createCalls: rig.vapi.createCalls, calls: rig.vapi.calls } },
        45_000,
      );
    }
  });
});
