// Call History and the delivery log at scale: 1,000,000 calls (and their attempts) and as many deliveries in one
// organisation plus another organisation's noise, then p50/p95 of each list shape through the same functions the API
// uses, and which indexes their plans use.
// Run: npm run bench -- history [--calls 1000000] [--runs 30]
import { parseArgs } from "node:util";
import { bootBenchDatabase } from "./support";

const { values } = parseArgs({ options: { calls: { type: "string", default: "1000000" }, runs: { type: "string", default: "30" } } });
const CALLS = Number(values.calls);
const RUNS = Number(values.runs);
const NEWEST = new Date("2026-11-23T06:00:00Z");

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main() {
  const bench = await bootBenchDatabase("history");
  const { db } = await import("@/lib/db");
  const { Prisma } = await import("@/lib/generated/prisma/client");
  const { listCalls } = await import("@/lib/calls/queries");
  const { outcomesPerDay } = await import("@/lib/calls/outcomes-per-day");
  const { listCallsQuerySchema, callFiltersSchema } = await import("@/lib/calls/schema");
  const { EXPORT_BATCH, exportBatch } = await import("@/lib/calls/export");
  const { createAgentRow } = await import("@/test/call-fixtures");
  const { createOrg } = await import("@/test/factories");
  const { seedSyntheticCalls, seedSyntheticDeliveries } = await import("@/test/history-seed");
  const { listDeliveries } = await import("@/lib/deliveries/queries");
  const { listDeliveriesQuerySchema } = await import("@/lib/deliveries/schema");

  const t0 = performance.now();
  const { organization } = await createOrg();
  const agents = await Promise.all(Array.from({ length: 8 }, (_, i) => createAgentRow(organization.id, { name: `Agent ${i + 1}` })));
  // One call every 30 s: a million calls reach back about a year.
  await seedSyntheticCalls({
    orgId: organization.id,
    agentIds: agents.map((a) => a.id),
    count: CALLS,
    newest: NEWEST,
    spacingSeconds: 30,
    idPrefix: "call_m",
    withAttempts: true,
  });
  // The delivery log: as many deliveries as calls.
  await seedSyntheticDeliveries({
    orgId: organization.id,
    agentIds: agents.map((a) => a.id),
    count: CALLS,
    newest: NEWEST,
    spacingSeconds: 30,
    idPrefix: "dlv_m",
  });
  const other = (await createOrg()).organization;
  const otherAgent = await createAgentRow(other.id);
  await seedSyntheticCalls({
    orgId: other.id,
    agentIds: [otherAgent.id],
    count: Math.round(CALLS / 10),
    newest: NEWEST,
    spacingSeconds: 20,
    idPrefix: "call_o",
    withAttempts: true,
  });
  await seedSyntheticDeliveries({
    orgId: other.id,
    agentIds: [otherAgent.id],
    count: Math.round(CALLS / 10),
    newest: NEWEST,
    spacingSeconds: 20,
    idPrefix: "dlv_o",
  });
  for (const table of ["call_tasks", "call_attempts", "deliveries", "delivery_leads"])
    await db.$executeRawUnsafe(`VACUUM ANALYZE ${table}`);
  const seeded = await db.callTask.count();
  console.log(
    `seeded ${seeded.toLocaleString("en")} calls, ${(await db.callAttempt.count()).toLocaleString("en")} attempts and ${(await db.delivery.count()).toLocaleString("en")} deliveries in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  const orgId = organization.id;
  const deep = await (async () => {
    // A cursor 200 pages (10,000 rows) deep, reached the way a client would.
    let cursor: string | null = null;
    for (let i = 0; i < 200; i++)
      cursor = (await listCalls(orgId, listCallsQuerySchema.parse({ limit: 50, ...(cursor ? { cursor } : {}) }))).next_cursor;
    return cursor!;
  })();
  const day = { from: "2026-10-01T00:00:00+05:30", to: "2026-10-08T00:00:00+05:30" };
  const shapes: Array<[string, Record<string, string>, "list" | "export" | "chart" | "deliveries"]> = [
    ["first page", {}, "list"],
    ["agent", { agent_id: agents[3]!.id }, "list"],
    ["status=scheduled", { status: "scheduled" }, "list"],
    ["status=in_progress (none)", { status: "in_progress" }, "list"],
    ["outcome=busy", { outcome: "busy" }, "list"],
    ["crm=hubspot", { crm: "hubspot" }, "list"],
    ["date range (a week)", day, "list"],
    ["search phone (full)", { q: "+91 98 0042 4242" }, "list"],
    ["search phone (last 6 digits)", { q: "424242" }, "list"],
    ["search name", { q: "meera iyer" }, "list"],
    ["search CRM lead id", { q: "100777777" }, "list"],
    ["combined agent+status+crm+range", { agent_id: agents[1]!.id, status: "failed", crm: "leadsquared", ...day }, "list"],
    ["combined outcome+search", { outcome: "voicemail", q: "priya" }, "list"],
    ["deep cursor (page 201)", { cursor: deep }, "list"],
    ["export first batch (1,000 rows)", {}, "export"],
    ["chart (default 14 days)", {}, "chart"],
    ["chart (92 days, agent)", { agent_id: agents[0]!.id, from: "2026-08-24T00:00:00Z", to: "2026-11-24T00:00:00Z" }, "chart"],
    ["deliveries: first page", {}, "deliveries"],
    ["deliveries: agent", { agent_id: agents[5]!.id }, "deliveries"],
    ["deliveries: status=rejected", { status: "rejected" }, "deliveries"],
    ["deliveries: status=error (rare)", { status: "error" }, "deliveries"],
    ["deliveries: status=ignored (none)", { status: "ignored" }, "deliveries"],
    ["deliveries: crm=hubspot", { crm: "hubspot" }, "deliveries"],
    ["deliveries: agent+status=error", { agent_id: agents[5]!.id, status: "error" }, "deliveries"],
    ["deliveries: date range (a week)", day, "deliveries"],
  ];
  const run = (kind: string, q: Record<string, string>) =>
    kind === "deliveries"
      ? listDeliveries(orgId, listDeliveriesQuerySchema.parse(q))
      : kind === "chart"
        ? outcomesPerDay(orgId, callFiltersSchema.parse(q), NEWEST)
        : kind === "export"
          ? exportBatch(orgId, callFiltersSchema.parse(q), undefined, EXPORT_BATCH, null)
          : listCalls(orgId, listCallsQuerySchema.parse(q));

  const rows: Array<Record<string, string | number>> = [];
  for (const [name, q, kind] of shapes) {
    for (let i = 0; i < 3; i++) await run(kind, q);
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      await run(kind, q);
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    rows.push({ shape: name, "p50 ms": +percentile(times, 50).toFixed(1), "p95 ms": +percentile(times, 95).toFixed(1) });
  }
  console.table(rows);
  const worst = Math.max(...rows.map((r) => r["p95 ms"] as number));
  console.log(`worst p95: ${worst.toFixed(1)} ms (goal < 100 ms) ${worst < 100 ? "OK" : "OVER"}`);

  // Which indexes the planner picks: Prisma's SQL is not exposed, so the plans are of the equivalent statements.
  const plans: Array<[string, string]> = [
    ["first page", `org_id = '${orgId}'`],
    ["agent", `agent_id = '${agents[3]!.id}'`],
    ["status", `org_id = '${orgId}' AND status = 'scheduled'`],
    ["outcome", `org_id = '${orgId}' AND last_outcome = 'busy'`],
    ["crm", `org_id = '${orgId}' AND source = 'hubspot'`],
    ["search whole number", `org_id = '${orgId}' AND (phone = '+919800424242' OR crm_lead_id = '+91 98 0042 4242')`],
    ["search part of a number", `org_id = '${orgId}' AND (phone LIKE '%424242%' OR crm_lead_id = '424242')`],
    ["search name", `org_id = '${orgId}' AND (lead_name ILIKE '%meera iyer%' OR crm_lead_id ILIKE '%meera iyer%')`],
  ];
  for (const [name, where] of plans) {
    const plan = await db.$queryRaw<Array<{ "QUERY PLAN": string }>>(
      Prisma.sql`EXPLAIN ${Prisma.raw(`SELECT * FROM call_tasks WHERE ${where} ORDER BY created_at DESC, id DESC LIMIT 51`)}`,
    );
    const used = [
      ...new Set(
        plan.flatMap((p) =>
          [
            ...p["QUERY PLAN"].matchAll(
              /(Seq Scan on|Index Only Scan(?: Backward)? using|Index Scan(?: Backward)? using|Bitmap Index Scan on) (\w+)/g,
            ),
          ].map((m) => `${m[2]} (${m[1]!.replace(/ (using|on)$/, "")})`),
        ),
      ),
    ];
    console.log(`plan ${name}: ${used.join(", ")}`);
  }
  await db.$disconnect();
  await bench.stop();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
