// The CRM write pipeline against LeadSquared's 25 calls per 5 s: N queued call outcomes for one account drained
// through the outbox (claim, shared Postgres budget, handler, record), against a bare loop calling the fake directly
// at the budget. The fake enforces the real limit and answers 429 beyond it.
// Run: npm run bench -- crm-writes [--outcomes 100]
import { parseArgs } from "node:util";
import { bootBenchDatabase } from "./support";

const { values } = parseArgs({ options: { outcomes: { type: "string", default: "100" } } });
const N = Number(values.outcomes);

async function main() {
  const bench = await bootBenchDatabase("crm-writes");
  process.env.LEADLINE_LEADSQUARED_ALLOWED_HOSTS = "http://127.0.0.1:*";
  const { createFakeLeadSquared, FAKE_LSQ_ACCESS_KEY, FAKE_LSQ_SECRET_KEY, FAKE_LSQ_LEADS } =
    await import("@/e2e/support/fakes/leadsquared");
  const { db } = await import("@/lib/db");
  const { encryptSecret } = await import("@/lib/crypto/secrets");
  const { newId } = await import("@/lib/ids");
  const { enqueueWrites } = await import("@/lib/crm-writes/outbox");
  const { drainWrites } = await import("@/lib/crm-writes/drain");
  const { createLeadSquaredClient } = await import("@/lib/crm/leadsquared/client");
  const { createRateLimiter, LEADSQUARED_CALLS_PER_WINDOW, LEADSQUARED_WINDOW_MS, LEADSQUARED_SAFETY_MARGIN_MS } =
    await import("@/lib/crm/leadsquared/rate-limit");
  const { createOrg } = await import("@/test/factories");
  const { env } = await import("@/lib/env");

  const fake = createFakeLeadSquared();
  await fake.start();
  const lead = String(FAKE_LSQ_LEADS[0]!.ProspectID);
  const { organization } = await createOrg();
  const integration = await db.integration.create({
    data: {
      id: newId("int"),
      orgId: organization.id,
      crm: "leadsquared",
      config: { host: fake.baseUrl },
      secrets: encryptSecret(
        JSON.stringify({ accessKey: FAKE_LSQ_ACCESS_KEY, secretKey: FAKE_LSQ_SECRET_KEY }),
        env().LEADLINE_ENCRYPTION_KEY,
      ),
    },
  });
  const at = new Date().toISOString();
  await db.$transaction((tx) =>
    enqueueWrites(
      tx,
      Array.from({ length: N }, (_, i) => ({
        orgId: organization.id,
        kind: "leadsquared.activity",
        account: `leadsquared:${integration.id}`,
        dedupeKey: `bench:${i}`,
        payload: { integrationId: integration.id, leadId: lead, activityEvent: 201, note: `Outcome ${i}`, at },
      })),
    ),
  );

  const budgetPerS = LEADSQUARED_CALLS_PER_WINDOW / (LEADSQUARED_WINDOW_MS / 1000);
  let t = performance.now();
  while ((await db.crmWrite.count({ where: { status: { not: "written" } } })) > 0) await drainWrites();
  const pipelineS = (performance.now() - t) / 1000;
  const pipeline429 = fake.requests.filter((r) => r.status === 429).length;
  const pipelineRate = N / pipelineS;
  const pipelineSteady = steadyRate(fake.requests.map((r) => r.at));

  fake.requests.length = 0;
  await new Promise((r) => setTimeout(r, LEADSQUARED_WINDOW_MS + 500));
  const limiter = createRateLimiter({
    limit: LEADSQUARED_CALLS_PER_WINDOW,
    windowMs: LEADSQUARED_WINDOW_MS + LEADSQUARED_SAFETY_MARGIN_MS,
  });
  const client = createLeadSquaredClient({
    baseUrl: fake.baseUrl,
    accessKey: FAKE_LSQ_ACCESS_KEY,
    secretKey: FAKE_LSQ_SECRET_KEY,
    limiter,
  });
  t = performance.now();
  await Promise.all(
    Array.from({ length: N }, (_, i) =>
      client.postActivity({ leadId: lead, activityEvent: 201, note: `Bare ${i}`, at: new Date() }).catch(() => {}),
    ),
  );
  const bareS = (performance.now() - t) / 1000;
  const bare429 = fake.requests.filter((r) => r.status === 429).length;
  const bareRate = N / bareS;
  const bareSteady = steadyRate(fake.requests.map((r) => r.at));

  console.log(`outcomes: ${N} for one LeadSquared account (limit 25 per 5 s = ${budgetPerS} writes/s)`);
  console.log(
    `pipeline: ${pipelineS.toFixed(1)} s, ${pipelineRate.toFixed(2)} writes/s, ${((100 * pipelineRate) / budgetPerS).toFixed(0)}% of budget, 429s: ${pipeline429}`,
  );
  console.log(
    `bare loop: ${bareS.toFixed(1)} s, ${bareRate.toFixed(2)} writes/s, ${((100 * bareRate) / budgetPerS).toFixed(0)}% of budget, 429s: ${bare429}`,
  );
  console.log(`pipeline / bare: ${(pipelineRate / bareRate).toFixed(2)}`);
  // N/elapsed flatters both: the first window's calls go at once. After it, each call waits for the budget.
  console.log(
    `after the first window: pipeline ${pipelineSteady.toFixed(2)} calls/s (${((100 * pipelineSteady) / budgetPerS).toFixed(0)}% of budget), bare ${bareSteady.toFixed(2)} calls/s (${((100 * bareSteady) / budgetPerS).toFixed(0)}%)`,
  );
  await fake.stop();
  await db.$disconnect();
  await bench.stop();
}

/** Calls per second from the first call to the last, leaving out the first window's burst: (n - 25) / (last - first). */
function steadyRate(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  return (sorted.length - 25) / ((sorted.at(-1)! - sorted[0]!) / 1000);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
