// The CRM write pipeline against LeadSquared's budgets, 25 calls per 5 s and one bulk call (25 activities) per 5 s: N
// queued call outcomes for one account drained through the outbox (claim, shared Postgres budgets, single and bulk
// handlers, record), against bare loops calling the fake directly at the budgets. The fake enforces both limits and
// answers 429 beyond them.
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
  const { enqueueWrites } = await import("@/lib/crm-writes/outbox");
  const { drainWrites } = await import("@/lib/crm-writes/drain");
  const { BULK_MAX_ACTIVITIES, createLeadSquaredClient } = await import("@/lib/crm/leadsquared/client");
  const { createRateLimiter, LEADSQUARED_CALLS_PER_WINDOW, LEADSQUARED_WINDOW_MS, LEADSQUARED_SAFETY_MARGIN_MS } =
    await import("@/lib/crm/leadsquared/rate-limit");
  const { connectFakeLeadSquared, createOrg } = await import("@/test/factories");

  const fake = createFakeLeadSquared();
  await fake.start();
  const lead = String(FAKE_LSQ_LEADS[0]!.ProspectID);
  const { organization } = await createOrg();
  const integration = await connectFakeLeadSquared(organization.id, fake.baseUrl);
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

  // The account's whole budget: 25 single calls per 5 s, plus one bulk call of up to 25 activities per 5 s.
  const singlePerS = LEADSQUARED_CALLS_PER_WINDOW / (LEADSQUARED_WINDOW_MS / 1000);
  const budgetPerS = singlePerS + BULK_MAX_ACTIVITIES / (LEADSQUARED_WINDOW_MS / 1000);
  const t = performance.now();
  while ((await db.crmWrite.count({ where: { status: { not: "written" } } })) > 0) await drainWrites();
  const pipeline = measure(fake.requests, (performance.now() - t) / 1000);

  const windowMs = LEADSQUARED_WINDOW_MS + LEADSQUARED_SAFETY_MARGIN_MS;
  const client = createLeadSquaredClient({ baseUrl: fake.baseUrl, accessKey: FAKE_LSQ_ACCESS_KEY, secretKey: FAKE_LSQ_SECRET_KEY });
  const activity = (i: number) => ({ leadId: lead, activityEvent: 201, note: `Bare ${i}`, at: new Date() });
  /** A bare loop straight at the fake: `lanes` single posts at once through the in-process limiter, and with `bulk`, a bulk lane on its own limiter; each lane takes the next activities when its slot comes. */
  const bare = async (bulk: boolean) => {
    fake.requests.length = 0;
    await new Promise((r) => setTimeout(r, windowMs + 500));
    const single = createRateLimiter({ limit: LEADSQUARED_CALLS_PER_WINDOW, windowMs });
    const bulkLimiter = createRateLimiter({ limit: 1, windowMs });
    let next = 0;
    const take = (n: number) => Array.from({ length: Math.min(n, N - next) }, () => activity(next++));
    const singleLane = async () => {
      while (next < N) {
        await single.acquire();
        for (const a of take(1)) await client.postActivity(a).catch(() => {});
      }
    };
    const bulkLane = async () => {
      while (next < N) {
        await bulkLimiter.acquire();
        const batch = take(BULK_MAX_ACTIVITIES);
        if (batch.length) await client.postActivitiesBulk(batch).catch(() => {});
      }
    };
    const start = performance.now();
    await Promise.all([...Array.from({ length: LEADSQUARED_CALLS_PER_WINDOW }, singleLane), ...(bulk ? [bulkLane()] : [])]);
    return measure(fake.requests, (performance.now() - start) / 1000);
  };
  const bareSingle = await bare(false);
  const bareBoth = await bare(true);

  const pct = (rate: number) => `${((100 * rate) / budgetPerS).toFixed(0)}%`;
  const line = (m: Measured) =>
    `${m.seconds.toFixed(1)} s, ${m.single} single + ${m.bulk} bulk in ${m.bulkCalls} calls, ${m.rate.toFixed(2)} activities/s (${pct(m.rate)}), after the first window ${m.steady.toFixed(2)}/s (${pct(m.steady)}), 429s: ${m.limited} single, ${m.limitedBulk} bulk`;
  console.log(
    `outcomes: ${N} for one LeadSquared account; budget: 25 single calls per 5 s (${singlePerS}/s) + 1 bulk call of ${BULK_MAX_ACTIVITIES} per 5 s = ${budgetPerS} activities/s`,
  );
  console.log(`pipeline:           ${line(pipeline)}`);
  console.log(`bare, single only:  ${line(bareSingle)}`);
  console.log(`bare, both budgets: ${line(bareBoth)}`);
  console.log(
    `pipeline / bare both: ${(pipeline.rate / bareBoth.rate).toFixed(2)} (after the first window ${(pipeline.steady / bareBoth.steady).toFixed(2)}); pipeline / bare single only: ${(pipeline.rate / bareSingle.rate).toFixed(2)}`,
  );
  await fake.stop();
  await db.$disconnect();
  await bench.stop();
}

type Measured = {
  seconds: number;
  single: number;
  bulk: number;
  bulkCalls: number;
  rate: number;
  steady: number;
  limited: number;
  limitedBulk: number;
};

/**
 * The activities each request carried (one, or a bulk call's array), by when it arrived. N/elapsed flatters a run:
 * the first window's calls go at once. After it each call waits for its budget, so the steady rate leaves out what
 * arrived in the first half window and divides the rest by the time from the first request to the last.
 */
function measure(requests: { path: string; at: number; status: number | null; body: unknown }[], seconds: number): Measured {
  const posted = requests.filter((r) => r.status === 200);
  const isBulk = (r: { path: string }) => r.path.includes("/Bulk/");
  const count = (r: { path: string; body: unknown }) => (isBulk(r) ? (r.body as unknown[]).length : 1);
  const times = posted.map((r) => r.at).sort((a, b) => a - b);
  const first = times[0]!;
  const total = posted.reduce((n, r) => n + count(r), 0);
  const burst = posted.filter((r) => r.at < first + 2_500).reduce((n, r) => n + count(r), 0);
  return {
    seconds,
    single: posted.filter((r) => !isBulk(r)).length,
    bulk: posted.filter(isBulk).reduce((n, r) => n + count(r), 0),
    bulkCalls: posted.filter(isBulk).length,
    rate: total / seconds,
    steady: (total - burst) / ((times.at(-1)! - first) / 1000),
    limited: requests.filter((r) => r.status === 429 && !isBulk(r)).length,
    limitedBulk: requests.filter((r) => r.status === 429 && isBulk(r)).length,
  };
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
