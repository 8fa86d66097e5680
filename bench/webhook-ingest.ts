// Sustained CRM webhook ingestion against the built app (`npm run build` first): concurrent senders post one
// LeadSquared lead each, measured against a bare route handler of the same server (LeadSquared's HEAD handshake,
// which does no work). The two alternate in rounds, so a machine whose load drifts weighs on both alike; a single
// sender then gives the latency of one request on an idle server. Afterwards every acknowledged lead is counted in
// Postgres. Run: npm run bench -- webhook-ingest [--senders 50] [--seconds 15] [--rounds 3]
import { execFile } from "node:child_process";
import { parseArgs, promisify } from "node:util";
import pg from "pg";
import { startAppServer } from "../e2e/support/server";
import { bootBenchDatabase } from "./support";

const { values } = parseArgs({ options: { senders: { type: "string", default: "50" }, seconds: { type: "string", default: "15" }, rounds: { type: "string", default: "3" } } });
const SENDERS = Number(values.senders);
const SECONDS = Number(values.seconds);
const ROUNDS = Number(values.rounds);
const execFileAsync = promisify(execFile);

type Run = { ok: number; failed: number; latencies: number[]; ms: number };

async function load(send: () => Promise<boolean>, senders: number, seconds: number): Promise<Run> {
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: senders }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        const good = await send().catch(() => false);
        latencies.push(performance.now() - t);
        if (good) ok++;
        else failed++;
      }
    }),
  );
  return { ok, failed, latencies, ms: performance.now() - start };
}

function merge(runs: Run[]): Run {
  return { ok: runs.reduce((n, r) => n + r.ok, 0), failed: runs.reduce((n, r) => n + r.failed, 0), latencies: runs.flatMap((r) => r.latencies).sort((a, b) => a - b), ms: runs.reduce((n, r) => n + r.ms, 0) };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(1);
const rate = (r: Run) => (r.ok / r.ms) * 1000;
const line = (label: string, unit: string, r: Run) =>
  `  ${label.padEnd(20)}${rate(r).toFixed(0).padStart(5)} ${unit}/s  p50 ${pct(r.latencies, 50)} ms  p99 ${pct(r.latencies, 99)} ms  (${r.failed} failed)`;

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

    let sent = 0;
    const post = async (prefix: string) => {
      const i = sent++;
      const res = await fetch(hook, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ProspectID: `${prefix}-${i}`, FirstName: "Asha", Phone: `+9197${String(10000000 + i)}`, mx_Product_Interest: "2BHK" }) });
      const body = (await res.json()) as { Status?: string };
      return res.status === 200 && body.Status === "Success";
    };
    const head = async () => (await fetch(hook, { method: "HEAD" })).ok;
    let acknowledged = 0;
    const postLead = async () => {
      const ok = await post("lead");
      if (ok) acknowledged++;
      return ok;
    };

    // Warm both paths (first-request compilation of route modules, the pools' connections).
    for (let i = 0; i < 20; i++) await head();
    const warm = await load(() => post("warm"), SENDERS, 5);

    const bare: Run[] = [];
    const ingest: Run[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      bare.push(await load(head, SENDERS, SECONDS / ROUNDS));
      ingest.push(await load(postLead, SENDERS, SECONDS / ROUNDS));
    }
    const single = { bare: await load(head, 1, 3), ingest: await load(postLead, 1, 3) };

    const client = new pg.Client({ connectionString: bench.url });
    await client.connect();
    const { rows } = await client.query<{ n: string }>("SELECT count(*) AS n FROM call_tasks WHERE crm_lead_id LIKE 'lead-%'");
    await client.end();
    const stored = Number(rows[0]!.n);
    const ratios = bare.map((b, i) => (rate(ingest[i]!) / rate(b)).toFixed(2));

    console.log(`webhook-ingest: ${SENDERS} concurrent senders, ${SECONDS} s each way in ${ROUNDS} alternating rounds (warm-up ${warm.ok} leads)`);
    console.log(line("bare route (HEAD)", "req", merge(bare)));
    console.log(line("webhook (1 lead)", "leads", merge(ingest)));
    console.log(`  ratio               ${(rate(merge(ingest)) / rate(merge(bare))).toFixed(2)} of the bare route's rate (goal ≥ 0.8); by round ${ratios.join(", ")}`);
    console.log(`  one sender          webhook p50 ${pct(single.ingest.latencies.sort((a, b) => a - b), 50)} ms, bare p50 ${pct(single.bare.latencies.sort((a, b) => a - b), 50)} ms`);
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
