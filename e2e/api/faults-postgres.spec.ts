import { rm } from "node:fs/promises";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { applyMigrations } from "../../lib/db/migrate";
import { freePort, startEmbeddedPostgres, type RunningPostgres } from "../../scripts/postgres";
import { faultRandom, phoneOf, sendBurst, setUpVapiAgents, startFaultRig, type FaultRig } from "../support/fault-rig";
import { waitForEngineInvariants } from "../support/invariants";

// A PostgreSQL of its own, so this spec can stop and start it under a running server without touching the suite's.
const dataDir = path.resolve(`.data/faults-postgres-${process.pid}`);
let port: number;
let cluster: RunningPostgres | undefined;
let rig: FaultRig | undefined;

const startCluster = () => startEmbeddedPostgres({ dataDir, port, persistent: true });

test.beforeAll(async () => {
  port = await freePort();
  cluster = await startCluster();
  await applyMigrations(cluster.url);
});
test.afterAll(async () => {
  await rig?.stop();
  await cluster?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

test.describe("fault: PostgreSQL stops in the middle of a burst and comes back", () => {
  test("the running server recovers without a restart and every invariant holds within a minute", async ({ playwright }) => {
    test.setTimeout(240_000);
    const { random } = faultRandom("Postgres outage");
    const url = cluster!.url;
    rig = await startFaultRig(url);
    const pid = rig.server.process.pid;
    const agents = await setUpVapiAgents(playwright, rig.server.baseURL, [6, 3]);
    for (let n = 2_000; n < 2_060; n += 4) rig.vapi.setEndedReason(phoneOf(n), "customer-did-not-answer");
    const schedule = { num_of_retries: "1", gap_between_retries: "0.001" };
    const progress = { acknowledged: [] as string[] };
    const burst = sendBurst(rig.server.baseURL, {
      progress,
      agents,
      firstLead: 2_000,
      senders: 3,
      deliveriesPerSender: 5,
      leadsPerDelivery: 4,
      pauseMs: 200,
      schedule,
    });

    // From the first acknowledged delivery to well into the dialing that follows the burst.
    await expect.poll(() => progress.acknowledged.length, { timeout: 15_000, intervals: [20] }).toBeGreaterThan(0);
    const delayMs = Math.round(random() * 2_500);
    await new Promise((r) => setTimeout(r, delayMs));
    await cluster!.stop();
    cluster = undefined;
    await new Promise((r) => setTimeout(r, 4_000));
    cluster = await startCluster();
    const sent = await burst;
    console.log(
      `[faults] Postgres stopped ${delayMs} ms after the first acknowledgement, for 4 s; ${sent.acknowledged.length} acknowledged, ${sent.refused} refused`,
    );

    // The same process takes leads again once the database is back.
    const after = { acknowledged: [] as string[], tries: 0 };
    await expect
      .poll(
        async () => {
          const more = await sendBurst(rig!.server.baseURL, {
            agents,
            firstLead: 2_100 + 2 * after.tries++,
            senders: 1,
            deliveriesPerSender: 1,
            leadsPerDelivery: 2,
            pauseMs: 0,
            schedule,
          });
          after.acknowledged.push(...more.acknowledged);
          return more.acknowledged.length;
        },
        { timeout: 30_000, intervals: [500] },
      )
      .toBe(2);
    expect(rig.server.process.exitCode).toBeNull();
    expect(rig.server.process.pid).toBe(pid);

    await waitForEngineInvariants(
      {
        url,
        agentIds: agents.agentIds,
        acknowledged: [...sent.acknowledged, ...after.acknowledged],
        provider: { createCalls: rig.vapi.createCalls, calls: rig.vapi.calls },
      },
      60_000,
    );
    // Next prints these for a promise rejection nobody handled (or an exception nobody caught) anywhere in the server.
    expect(rig.server.output()).not.toMatch(/unhandled ?rejection|uncaught ?exception/i);
  });
});
