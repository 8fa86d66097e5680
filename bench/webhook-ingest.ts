// Sustained CRM webhook ingestion against the built app (`npm run build` first): concurrent senders post one
// LeadSquared lead each. The baseline is a bare route handler of the same server (app/api/bench/bare) that receives the
// same POST and answers as the webhook does without doing anything; LeadSquared's HEAD handshake, which has no body
// at all, is shown for reference. The three alternate in short rounds (12 of 2 s by default): this machine's speed
// drifts within seconds, and short rounds weigh each path alike (3 rounds of 5 s gave ratios 0.05 apart run to run).
// A single sender then gives the latency of one request on an idle server. CPU time per request is read from /proc
// for the server, Postgres and the senders, and the server's peak memory. Afterwards every acknowledged lead is counted
// in Postgres.
// Run: npm run bench -- webhook-ingest [--senders 50] [--seconds 24] [--rounds 12]
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { parseArgs, promisify } from "node:util";
import pg from "pg";
import { startAppServer } from "../e2e/support/server";
import { cpuSnapshot, cpuSpent, type CpuSpent } from "./cpu";
import { bootBenchDatabase } from "./support";

const { values } = parseArgs({
  options: {
    senders: { type: "string", default: "50" },
    seconds: { type: "string", default: "24" },
    rounds: { type: "string", default: "12" },
  },
});
const SENDERS = Number(values.senders);
const SECONDS = Number(values.seconds);
const ROUNDS = Number(values.rounds);
const execFileAsync = promisify(execFile);

type Run = { ok: number; failed: number; latencies: number[]; ms: number; cpu?: CpuSpent };

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
  const total = (pick: (r: Run) => number) => runs.reduce((n, r) => n + pick(r), 0);
  return {
    ok: total((r) => r.ok),
    failed: total((r) => r.failed),
    latencies: runs.flatMap((r) => r.latencies).sort((a, b) => a - b),
    ms: total((r) => r.ms),
    cpu: { server: total((r) => r.cpu!.server), postgres: total((r) => r.cpu!.postgres), senders: total((r) => r.cpu!.senders) },
  };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!.toFixed(1);
const rate = (r: Run) => (r.ok / r.ms) * 1000;
const perRequest = (ms: number, r: Run) => (ms / (r.ok + r.failed)).toFixed(2);
const line = (label: string, unit: string, r: Run) =>
  `  ${label.padEnd(20)}${rate(r).toFixed(0).padStart(5)} ${unit}/s  p50 ${pct(r.latencies, 50)} ms  p99 ${pct(r.latencies, 99)} ms  (${r.failed} failed)` +
  `  CPU ms per request: server ${perRequest(r.cpu!.server, r)}, Postgres ${perRequest(r.cpu!.postgres, r)}, senders ${perRequest(r.cpu!.senders, r)}`;

/** The most memory the process has held (VmHWM), in MB. */
function peakRssMb(pid: number): string {
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return kb ? (Number(kb) / 1024).toFixed(0) : "?";
}

// Zones about five hours apart around the globe: at any hour at least one of them is at night.
const ZONES = ["Pacific/Honolulu", "America/New_York", "Europe/London", "Asia/Kolkata", "Asia/Tokyo", "Pacific/Auckland"];

/**
 * A zone where it is now night (19:00–08:00), so every lead is carried over to the 09:00 window and none wakes the
 * engine while the bench runs: the figures must not depend on the hour it is run at (the engine has its own bench).
 */
function zoneAtNight(now = new Date()): string {
  const hour = (zone: string) => Number(now.toLocaleString("en-GB", { timeZone: zone, hour: "2-digit", hourCycle: "h23" }));
  return ZONES.find((zone) => hour(zone) >= 19 || hour(zone) < 8)!;
}

async function main() {
  const bench = await bootBenchDatabase("webhook-ingest");
  // Calls are not the subject here: leads wait for tomorrow's window (zoneAtNight), and a long simulated call keeps any
  // dial from ending and freeing the agent's slot.
  const server = await startAppServer({
    DATABASE_URL: bench.url,
    LEADLINE_SIMULATOR_DELAY_MS: "600000",
    LEADLINE_WORKER_CONCURRENCY: "2",
    LEADLINE_BENCH_ROUTES: "1",
  });
  try {
    const setup = await fetch(`${server.baseURL}/api/setup`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        organizationName: "Bench",
        timezone: "Asia/Kolkata",
        countryCode: "+91",
        name: "B",
        email: "bench@example.com",
        password: "correct horse battery",
      }),
    });
    if (setup.status !== 201) throw new Error(`setup failed: ${setup.status}`);
    // Asynchronously: a blocked event loop misses the server closing an idle keep-alive socket, and the next fetch fails.
    const admin = async (...args: string[]) =>
      JSON.parse(
        (
          await execFileAsync(
            process.execPath,
            ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/admin.ts", ...args, "--json"],
            { env: { ...process.env, DATABASE_URL: bench.url } },
          )
        ).stdout,
      );
    const orgId = (await admin("list-orgs")).organizations[0].id as string;
    const { key } = await admin("create-api-key", "--org", orgId, "--name", "bench");
    const headers = { "content-type": "application/json", "x-api-key": key };
    const agent = await (
      await fetch(`${server.baseURL}/api/v1/agents`, {
        method: "POST",
        headers,
        body: JSON.stringify({ name: "Bench", concurrencyCap: 2 }),
      })
    ).json();
    await fetch(`${server.baseURL}/api/v1/agents/${agent.agent.id}/variables`, {
      method: "PUT",
      headers,
      body: JSON.stringify({
        variables: [
          { name: "name", source: "leadsquared", field: "FirstName" },
          { name: "phone", source: "leadsquared", field: "Phone" },
        ],
      }),
    });
    const query = `agent_id=${agent.agent.id}&type=leadsquared&x_api_key=${key}&min_trigger_time=09:00&max_trigger_time=18:00&carry_over=true&timezone=${zoneAtNight()}`;
    const hook = `${server.baseURL}/api/call/crm-webhook?${query}`;

    let sent = 0;
    const postTo = async (url: string, prefix: string) => {
      const i = sent++;
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          ProspectID: `${prefix}-${i}`,
          FirstName: "Asha",
          Phone: `+9197${String(10000000 + i)}`,
          mx_Product_Interest: "2BHK",
        }),
      });
      const body = (await res.json()) as { Status?: string };
      return res.status === 200 && body.Status === "Success";
    };
    const bareRoute = () => postTo(`${server.baseURL}/api/bench/bare?${query}`, "bare");
    const handshake = async () => (await fetch(hook, { method: "HEAD" })).ok;
    let acknowledged = 0;
    const postLead = async () => {
      const ok = await postTo(hook, "lead");
      if (ok) acknowledged++;
      return ok;
    };

    // Warm every path alike (first-request compilation of route modules, JIT, the pools' connections).
    for (const send of [handshake, bareRoute, () => postTo(hook, "warm")]) await load(send, SENDERS, 3);

    // CPU by process (Linux /proc) says whose time a request costs: the server, Postgres or the senders themselves.
    const measured = async (send: () => Promise<boolean>) => {
      const before = cpuSnapshot();
      const run = await load(send, SENDERS, SECONDS / ROUNDS);
      return { ...run, cpu: cpuSpent(before, cpuSnapshot(), server.process.pid!) };
    };
    const runs = { head: [] as Run[], bare: [] as Run[], ingest: [] as Run[] };
    for (let round = 0; round < ROUNDS; round++) {
      runs.bare.push(await measured(bareRoute));
      runs.ingest.push(await measured(postLead));
      runs.head.push(await measured(handshake));
    }
    const single = { bare: await load(bareRoute, 1, 3), ingest: await load(postLead, 1, 3) };

    const client = new pg.Client({ connectionString: bench.url });
    await client.connect();
    const { rows } = await client.query<{ n: string }>("SELECT count(*) AS n FROM call_tasks WHERE crm_lead_id LIKE 'lead-%'");
    await client.end();
    const stored = Number(rows[0]!.n);
    const [head, bare, ingest] = [merge(runs.head), merge(runs.bare), merge(runs.ingest)];
    const byRound = runs.bare.map((b, i) => (rate(runs.ingest[i]!) / rate(b)).toFixed(2));

    console.log(`webhook-ingest: ${SENDERS} concurrent senders, ${SECONDS} s each in ${ROUNDS} alternating rounds`);
    console.log(line("HEAD handshake", "req", head));
    console.log(line("bare POST route", "req", bare));
    console.log(line("webhook (1 lead)", "leads", ingest));
    console.log(
      `  ratio               ${(rate(ingest) / rate(bare)).toFixed(2)} of the bare route's rate (goal ≥ 0.8); by round ${byRound.join(", ")}; ${(rate(ingest) / rate(head)).toFixed(2)} of HEAD's`,
    );
    console.log(
      `  one sender          webhook p50 ${pct(
        single.ingest.latencies.sort((a, b) => a - b),
        50,
      )} ms, bare p50 ${pct(
        single.bare.latencies.sort((a, b) => a - b),
        50,
      )} ms`,
    );
    console.log(`  server memory       peak RSS ${peakRssMb(server.process.pid!)} MB`);
    console.log(
      `  durability          ${acknowledged} acknowledged, ${stored} call tasks in Postgres: ${stored === acknowledged ? "none lost" : `${acknowledged - stored} LOST`}`,
    );
  } finally {
    await server.kill("SIGTERM");
    await bench.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
