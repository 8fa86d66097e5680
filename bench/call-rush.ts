// The morning carry-over rush against the built app (`npm run build` first). Leads arrive through the real webhook
// (bulk LeadSquared deliveries over HTTP) with a calling window that opens at the next whole minute after they are all
// in, carry_over=true, so every task is due at that one instant; agents with different caps split them in proportion
// to their caps, and the simulator's calls last --call-ms. Every figure is read back from Postgres: delay from due to
// dial from each attempt's scheduled_at and dialed_at, the most live calls per agent from the attempts' dialed/ended
// intervals. The baseline is a bare loop over the same state changes in this process, run first in the same database
// over at most --bare-tasks of its own tasks (its rate is steady after a few hundred). CPU time per dial (server and
// Postgres, from /proc) says what the rate would be on an idle machine.
// Run: npm run bench -- call-rush [--tasks 10000] [--caps 100,50,20] [--workers 10] [--call-ms 200] [--timeout 300] [--bare-tasks 2000]
import { execFile } from "node:child_process";
import { parseArgs, promisify } from "node:util";
import pg from "pg";
import { maxConcurrencyByAgent } from "../e2e/support/concurrency";
import { cpuSnapshot, cpuSpent, type CpuSnapshot } from "./cpu";
import { startAppServer } from "../e2e/support/server";
import { runBareLoop } from "./call-rush-bare";
import { bootBenchDatabase } from "./support";

const { values } = parseArgs({
  options: {
    tasks: { type: "string", default: "10000" },
    caps: { type: "string", default: "100,50,20" },
    // The server's own default (LEADLINE_WORKER_CONCURRENCY), so the rush measures what runs.
    workers: { type: "string", default: "10" },
    "call-ms": { type: "string", default: "200" },
    timeout: { type: "string", default: "300" },
    "bare-tasks": { type: "string", default: "2000" },
  },
});
const TASKS = Number(values.tasks);
const CAPS = values.caps.split(",").map(Number);
const WORKERS = Number(values.workers);
const CALL_MS = Number(values["call-ms"]);
const TIMEOUT_MS = Number(values.timeout) * 1000;
const BARE_TASKS = Math.min(TASKS, Number(values["bare-tasks"]));
const LEADS_PER_DELIVERY = 100;
const SENDERS = 8;
const GOAL_MS = 30_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const hhmm = (d: Date) => d.toISOString().slice(11, 16);
const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;

/** An organisation, an API key (admin CLI) and one simulator agent per cap. */
async function setUpApp(baseURL: string, databaseUrl: string) {
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${baseURL}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });
  const admin = async (...args: string[]) =>
    JSON.parse(
      (
        await promisify(execFile)(
          process.execPath,
          ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "scripts/admin.ts", ...args, "--json"],
          { env: { ...process.env, DATABASE_URL: databaseUrl } },
        )
      ).stdout,
    );
  // The admin command line, not first-run setup: the bare loop's organisation already exists.
  const created = await admin(
    ...["create-org", "--org", "Rush", "--timezone", "UTC", "--country-code", "+91", "--name", "R", "--email", "rush@example.com"],
    ...["--password", "correct horse battery"],
  );
  const orgId = created.organization.id as string;
  const { key } = (await admin("create-api-key", "--org", orgId, "--name", "rush")) as { key: string };
  const agentIds: string[] = [];
  for (const cap of CAPS) {
    const res = await post("/api/v1/agents", { name: `Cap ${cap}`, concurrencyCap: cap }, { "x-api-key": key });
    const { agent } = (await res.json()) as { agent: { id: string } };
    const vars = await fetch(`${baseURL}/api/v1/agents/${agent.id}/variables`, {
      method: "PUT",
      headers: { "content-type": "application/json", "x-api-key": key },
      body: JSON.stringify({ variables: [{ name: "phone", source: "leadsquared", field: "Phone", format: "phone_e164" }] }),
    });
    if (!vars.ok) throw new Error(`variables failed: ${vars.status}`);
    agentIds.push(agent.id);
  }
  return { key, agentIds };
}

/** Tasks per agent in proportion to its cap, so each agent needs about as long as the others. */
function shares(total: number): number[] {
  const sum = CAPS.reduce((a, b) => a + b, 0);
  const out = CAPS.map((c) => Math.floor((total * c) / sum));
  out[0] = out[0]! + total - out.reduce((a, b) => a + b, 0);
  return out;
}

/** Bulk deliveries from SENDERS concurrent senders; returns how many leads were acknowledged. */
async function deliver(baseURL: string, key: string, agentIds: string[], startsAt: Date): Promise<number> {
  const end = new Date(startsAt.getTime() + 2 * 3_600_000);
  const batches: Array<{ agentId: string; first: number; count: number }> = [];
  let n = 0;
  shares(TASKS).forEach((share, a) => {
    for (let i = 0; i < share; i += LEADS_PER_DELIVERY) {
      batches.push({ agentId: agentIds[a]!, first: n + i, count: Math.min(LEADS_PER_DELIVERY, share - i) });
    }
    n += share;
  });
  let acknowledged = 0;
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      for (let b = batches.shift(); b; b = batches.shift()) {
        const query = new URLSearchParams({
          agent_id: b.agentId,
          type: "leadsquared",
          x_api_key: key,
          min_trigger_time: hhmm(startsAt),
          max_trigger_time: hhmm(end),
          carry_over: "true",
          timezone: "UTC",
        });
        // Last digit 5: the simulator answers every one of these numbers.
        const leads = Array.from({ length: b.count }, (_, i) => ({
          ProspectID: `rush-${b.first + i}`,
          Phone: `+9197${String(b.first + i).padStart(7, "0")}5`,
        }));
        const res = await fetch(`${baseURL}/api/call/crm-webhook?${query}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(leads),
        });
        const body = (await res.json()) as { Status?: string; results?: Array<{ status: string }> };
        if (res.status !== 200 || body.Status !== "Success")
          throw new Error(`delivery refused: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
        acknowledged += body.results!.filter((r) => r.status === "accepted").length;
      }
    }),
  );
  return acknowledged;
}

type DialRow = { delay_ms: number; dialed_ms: number | null };

async function main() {
  const bench = await bootBenchDatabase("call-rush");
  const bare = await runBareLoop(BARE_TASKS, WORKERS);
  const server = await startAppServer({
    DATABASE_URL: bench.url,
    LEADLINE_SIMULATOR_DELAY_MS: String(CALL_MS),
    LEADLINE_WORKER_CONCURRENCY: String(WORKERS),
  });
  const client = new pg.Client({ connectionString: bench.url });
  await client.connect();
  try {
    const { key, agentIds } = await setUpApp(server.baseURL, bench.url);
    // The window opens at the first whole minute that leaves the deliveries time to finish (about 3 ms a lead).
    const dueAt = new Date(Math.ceil((Date.now() + Math.max(15_000, TASKS * 3)) / 60_000) * 60_000);
    const t0 = performance.now();
    const acknowledged = await deliver(server.baseURL, key, agentIds, dueAt);
    const ingestMs = performance.now() - t0;
    if (Date.now() >= dueAt.getTime()) throw new Error("the deliveries ran past the window's start; the tasks were not due at one instant");
    console.log(`  ${acknowledged} leads acknowledged in ${Math.round(ingestMs)} ms; all due at ${dueAt.toISOString()}`);

    const dials = async () =>
      (
        await client.query<DialRow>(
          `SELECT extract(epoch FROM dialed_at - scheduled_at) * 1000 AS delay_ms, extract(epoch FROM dialed_at) * 1000 AS dialed_ms
           FROM call_attempts WHERE agent_id = ANY($1) AND dialed_at IS NOT NULL`,
          [agentIds],
        )
      ).rows;
    // Only a count while the rush runs: reading every dialed row four times a second took CPU from what is measured.
    const dialedSoFar = async () =>
      Number(
        (
          await client.query<{ n: string }>("SELECT count(*) AS n FROM call_attempts WHERE agent_id = ANY($1) AND dialed_at IS NOT NULL", [
            agentIds,
          ])
        ).rows[0]!.n,
      );
    let cpuAtDue: CpuSnapshot | undefined;
    while (Date.now() < dueAt.getTime() + TIMEOUT_MS) {
      if (!cpuAtDue && Date.now() >= dueAt.getTime() - 1_000) cpuAtDue = cpuSnapshot();
      if ((await dialedSoFar()) >= acknowledged) break;
      await sleep(250);
    }
    const rows = await dials();
    const cpu = cpuSpent(cpuAtDue ?? cpuSnapshot(), cpuSnapshot(), server.process.pid!);
    // Let the last calls end, so every interval is closed when the overlap is computed.
    for (let i = 0; i < 40; i++) {
      const { rows: live } = await client.query("SELECT 1 FROM call_attempts WHERE agent_id = ANY($1) AND ended_at IS NULL LIMIT 1", [
        agentIds,
      ]);
      if (!live.length) break;
      await sleep(250);
    }
    const { rows: scheduled } = await client.query<{ n: string; bad: string }>(
      "SELECT count(*) AS n, count(*) FILTER (WHERE scheduled_at <> $2) AS bad FROM call_attempts WHERE agent_id = ANY($1)",
      [agentIds, dueAt],
    );
    const delays = rows.map((r) => Number(r.delay_ms)).sort((a, b) => a - b);
    const lastDialMs = Math.max(...rows.map((r) => Number(r.dialed_ms))) - dueAt.getTime();
    const rate = (rows.length / lastDialMs) * 1000;
    const within = delays.filter((d) => d <= GOAL_MS).length;

    console.log(
      `call-rush: ${TASKS} tasks through the webhook, all due at one instant; agents capped ${CAPS.join("/")} (tasks ${shares(TASKS).join("/")}), simulator calls ${CALL_MS} ms, ${WORKERS} workers`,
    );
    console.log(
      `  bare loop        ${Math.round(bare.ms)} ms  ${bare.perSecond.toFixed(0)} tasks/s  (${bare.completed} of ${BARE_TASKS} completed, ${WORKERS} loops)`,
    );
    console.log(
      `  engine           ${rows.length} of ${acknowledged} dialed; due → last dial ${lastDialMs} ms  ${rate.toFixed(0)} dials/s`,
    );
    console.log(
      `  due → dial       p50 ${pct(delays, 50).toFixed(0)} ms  p99 ${pct(delays, 99).toFixed(0)} ms  max ${pct(delays, 100).toFixed(0)} ms`,
    );
    console.log(
      `  within 30 s      ${within === acknowledged ? "yes" : "NO"}: ${within} of ${acknowledged} dialed within ${GOAL_MS / 1000} s of their due time`,
    );
    if (Number(scheduled[0]!.bad) > 0)
      console.log(`  NOTE             ${scheduled[0]!.bad} of ${scheduled[0]!.n} attempts were scheduled at another instant`);
    for (const c of await maxConcurrencyByAgent(client, agentIds)) {
      console.log(
        `  agent cap ${String(c.cap).padEnd(5)} most live at once ${c.maxLive} of ${c.cap}${c.maxLive > c.cap ? "  ABOVE THE CAP" : ""}  (${c.dialed} dialed)`,
      );
    }
    console.log(`  ratio            ${(rate / bare.perSecond).toFixed(2)} of the bare loop's rate`);
    const perDial = (ms: number) => (ms / rows.length).toFixed(2);
    console.log(
      `  CPU per dial     server ${perDial(cpu.server)} ms, Postgres ${perDial(cpu.postgres)} ms (due → all dialed, report round trips included)`,
    );
  } finally {
    await client.end();
    await server.kill("SIGTERM");
    await bench.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
