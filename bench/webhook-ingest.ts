// Sustained CRM webhook ingestion against the built app (`npm run build` first): 50 concurrent senders post
// LeadSquared leads, measured against a bare route handler of the same server (LeadSquared's HEAD handshake, which
// does no work) in the same run. Afterwards every acknowledged lead is counted in Postgres.
// Run: npm run bench -- webhook-ingest [--senders 50] [--seconds 15]
import { execFile } from "node:child_process";
import { parseArgs, promisify } from "node:util";
import pg from "pg";
import { startAppServer } from "../e2e/support/server";
import { bootBenchDatabase } from "./support";

const { values } = parseArgs({ options: { senders: { type: "string", default: "50" }, seconds: { type: "string", default: "15" } } });
const SENDERS = Number(values.senders);
const SECONDS = Number(values.seconds);
const execFileAsync = promisify(execFile);

type Run = { ok: number; failed: number; latencies: number[]; ms: number };

async function load(send: (i: number) => Promise<boolean>): Promise<Run> {
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  let next = 0;
  const start = performance.now();
  const end = start + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        const good = await send(next++).catch(() => false);
        latencies.push(performance.now() - t);
        if (good) ok++;
        else failed++;
      }
    }),
  );
  return { ok, failed, latencies: latencies.sort((a, b) => a - b), ms: performance.now() - start };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(1);
const rate = (r: Run) => (r.ok / r.ms) * 1000;

async function main() {
  const bench = await bootBenchDatabase("webhook-ingest");
  // Calls are not the subject here: a long simulated call keeps the dialer from competing for the CPU.
  const server = await startAppServer({ DATABASE_URL: bench.url, LEADLINE_SIMULATOR_DELAY_MS: "600000", LEADLINE_WORKER_CONCURRENCY: "2" });
  try {
    const setup = await fetch(`${server.baseURL}/api/setup`, {
      method: "POST", headers: { "content-type": "application/json" },
      body: JSON.stringify({ organizationName: "Bench", timezone: "Asia/Kolkata", countryCode: "+91", name: "B", email: "bench@example.com", password: "correct horse battery" }),
    });
    if (setup.status !== 201) throw new Error(`setup failed: ${setup.status}`);
    // Asynchronously: a blocked event loop misses the server closing an idle keep-alive socket, and the next fetch fails.
    const admin = async (...args: string[]) =>
      JSON.parse((await execFileAsync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/admin.ts", ...args, "--json"], { env: { ...process.env, DATABASE_URL: bench.url } })).stdout);
    const orgId = (await admin("list-orgs")).organizations[0].id as string;
    const { key } = await admin("create-api-key", "--org", orgId, "--name", "bench");
    const headers = { "content-type": "application/json", "x-api-key": key };
    const agent = await (await fetch(`${server.baseURL}/api/v1/agents`, { method: "POST", headers, body: JSON.stringify({ name: "Bench", concurrencyCap: 2 }) })).json();
    await fetch(`${server.baseURL}/api/v1/agents/${agent.agent.id}/variables`, { method: "PUT", headers, body: JSON.stringify({ variables: [{ name: "name", source: "leadsquared", field: "FirstName" }, { name: "phone", source: "leadsquared", field: "Phone" }] }) });
    const hook = `${server.baseURL}/api/call/crm-webhook?agent_id=${agent.agent.id}&type=leadsquared&x_api_key=${key}&min_trigger_time=09:00&max_trigger_time=18:00&carry_over=true`;

    // Warm both paths (first-request compilation of route modules).
    for (let i = 0; i < 20; i++) await fetch(hook, { method: "HEAD" });
    const warm = await load(async (i) => (await fetch(hook, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ProspectID: `warm-${i}`, FirstName: "W", Phone: `+9198${String(10000000 + i)}` }) })).ok);

    const bare = await load(async () => (await fetch(hook, { method: "HEAD" })).ok);
    let acknowledged = 0;
    const ingest = await load(async (i) => {
      const res = await fetch(hook, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ProspectID: `lead-${i}`, FirstName: "Asha", Phone: `+9197${String(10000000 + i)}`, mx_Product_Interest: "2BHK" }) });
      const body = (await res.json()) as { Status?: string };
      const ok = res.status === 200 && body.Status === "Success";
      if (ok) acknowledged++;
      return ok;
    });

    const client = new pg.Client({ connectionString: bench.url });
    await client.connect();
    const { rows } = await client.query<{ n: string }>("SELECT count(*) AS n FROM call_tasks WHERE crm_lead_id LIKE 'lead-%'");
    await client.end();
    const stored = Number(rows[0]!.n);

    console.log(`webhook-ingest: ${SENDERS} concurrent senders, ${SECONDS} s per run (warm-up ${warm.ok} leads)`);
    console.log(`  bare route (HEAD)   ${rate(bare).toFixed(0)} req/s   p50 ${pct(bare.latencies, 50)} ms  p99 ${pct(bare.latencies, 99)} ms  (${bare.failed} failed)`);
    console.log(`  webhook (1 lead)    ${rate(ingest).toFixed(0)} leads/s p50 ${pct(ingest.latencies, 50)} ms  p99 ${pct(ingest.latencies, 99)} ms  (${ingest.failed} failed)`);
    console.log(`  ratio               ${(rate(ingest) / rate(bare)).toFixed(2)} of the bare route's rate (goal ≥ 0.8)`);
    console.log(`  durability          ${acknowledged} acknowledged, ${stored} call tasks in Postgres: ${stored === acknowledged ? "none lost" : `${acknowledged - stored} LOST`}`);
  } finally {
    await server.kill("SIGTERM");
    await bench.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
