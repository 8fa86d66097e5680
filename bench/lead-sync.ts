// Lead Sync near the destination's limit: a backlog of N leads (stored deliveries of --per-delivery leads each, the
// first --existing of them already in the destination, so they are updated) drained by the CRM write pipeline into a
// fake LeadSquared account that enforces 25 calls per 5 s and 1 bulk call per 5 s, as LeadSquared does. Prints leads/s
// and API calls/s against the budget's ceilings.
// Run: npm run bench -- lead-sync [--leads 300] [--existing 0] [--per-delivery 50] [--drains 2]
import { parseArgs } from "node:util";
import { bootBenchDatabase } from "./support";

const { values } = parseArgs({
  options: {
    leads: { type: "string", default: "300" },
    existing: { type: "string", default: "0" },
    "per-delivery": { type: "string", default: "50" },
    drains: { type: "string", default: "2" },
  },
});
const LEADS = Number(values.leads);
const EXISTING = Math.min(LEADS, Number(values.existing));
const PER_DELIVERY = Number(values["per-delivery"]);
const DRAINS = Number(values.drains);
// LeadSquared's published budget: 25 calls per 5 s, bulk APIs 1 per 5 s (api-facts §1.4).
const CALLS_PER_S = 25 / 5;
const BULK_LEADS_PER_S = 50 / 5;
const BULK_UPDATES_PER_S = 25 / 5;

async function main() {
  const bench = await bootBenchDatabase("lead-sync");
  process.env.LEADLINE_LEADSQUARED_ALLOWED_HOSTS = "http://127.0.0.1:*";
  const { db } = await import("@/lib/db");
  const { drainWrites } = await import("@/lib/crm-writes/drain");
  const { createOrg } = await import("@/test/factories");
  const { baseConfig, deliver, fakeAccount, makeConnector } = await import("@/lib/lead-sync/lead-sync.test-support");

  const source = fakeAccount("source");
  const existing = Array.from({ length: EXISTING }, (_, i) => ({
    ProspectID: `dst-${i}`,
    FirstName: "Old",
    EmailAddress: `lead${i}@example.com`,
  }));
  const destination = fakeAccount("destination", existing, { limit: 25 });
  await Promise.all([source.start(), destination.start()]);
  const { organization } = await createOrg();
  const { webhookUrl } = await makeConnector(organization.id, source, destination, baseConfig({ secondarySearchBy: null }));
  // The connector's own checks used the budget; start with a full window.
  await new Promise((r) => setTimeout(r, 5_500));
  destination.requests.length = 0;

  for (let from = 0; from < LEADS; from += PER_DELIVERY) {
    const leads = Array.from({ length: Math.min(PER_DELIVERY, LEADS - from) }, (_, i) => ({
      ProspectID: `src-${from + i}`,
      FirstName: `Lead ${from + i}`,
      EmailAddress: `lead${from + i}@example.com`,
      Mobile: `98${String(from + i).padStart(8, "0")}`,
    }));
    await deliver(webhookUrl, leads);
  }
  const t0 = performance.now();
  // Several drains stand for several server processes sharing the account's budget through Postgres.
  const drainers = Array.from({ length: DRAINS }, async () => {
    while ((await db.leadSyncJob.count({ where: { status: { in: ["queued", "running"] } } })) > 0) {
      const { claimed } = await drainWrites();
      if (!claimed) await new Promise((r) => setTimeout(r, 100));
    }
  });
  await Promise.all(drainers);
  const seconds = (performance.now() - t0) / 1000;

  const jobs = await db.leadSyncJob.aggregate({ _sum: { created: true, updated: true, failed: true } });
  const standard = destination.requests.filter((r) => !r.path.includes("/Bulk/")).length;
  const bulk = destination.requests.filter((r) => r.path.includes("/Bulk/")).length;
  const refused = destination.requests.filter((r) => r.status === 429).length;
  const leadsPerS = LEADS / seconds;
  // Each lead needs one search; its write goes in bulk (when that moves more) or costs a second call. Creates and
  // updates share the bulk budget: a bulk call carries 50 creates or 25 updates.
  const callsPerLead = bulk ? 1 : 2;
  const bulkCeiling = 1 / (EXISTING / LEADS / BULK_UPDATES_PER_S + (1 - EXISTING / LEADS) / BULK_LEADS_PER_S);
  const leadCeiling = bulk ? Math.min(CALLS_PER_S / callsPerLead, bulkCeiling) : CALLS_PER_S / callsPerLead;
  console.log(`${LEADS} leads (${EXISTING} to update) in deliveries of ${PER_DELIVERY}, ${DRAINS} drains: ${seconds.toFixed(1)} s`);
  console.log(
    `created ${jobs._sum.created}, updated ${jobs._sum.updated}, failed ${jobs._sum.failed}; calls: ${standard} standard, ${bulk} bulk, ${refused} answered 429`,
  );
  console.log(
    `standard calls/s ${(standard / seconds).toFixed(2)} of ${CALLS_PER_S} allowed: ratio ${(standard / seconds / CALLS_PER_S).toFixed(3)}`,
  );
  console.log(
    `leads/s ${leadsPerS.toFixed(2)} of a ${leadCeiling.toFixed(2)} ceiling (${callsPerLead} standard call(s) per lead): ratio ${(leadsPerS / leadCeiling).toFixed(3)}`,
  );
  await Promise.all([source.stop(), destination.stop()]);
  await db.$disconnect();
  await bench.stop();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
