import { expect, test } from "@playwright/test";
import pg from "pg";
import { applyMigrations } from "../../lib/db/migrate";
import { createScratchDatabase } from "../../test/databases";
import { createAgent, organisationWithKey, waitForCall } from "../support/api";
import { startAppServer, type AppServer } from "../support/server";

// Its own database and server: the suite's shared server must not pick up these jobs.
let url: string;
let server: AppServer | undefined;

test.beforeAll(async () => {
  url = await createScratchDatabase(process.env.DATABASE_URL!, "leadline_test_restart");
  await applyMigrations(url);
});
test.afterAll(async () => server?.kill("SIGKILL"));

async function attemptCount(taskId: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const { rows } = await client.query<{ n: string }>("SELECT count(*) AS n FROM call_attempts WHERE task_id = $1", [taskId]);
  await client.end();
  return Number(rows[0]!.n);
}

test("a server killed with SIGKILL loses nothing: attempts that came due while it was down fire once it is back", async ({
  playwright,
}) => {
  test.setTimeout(150_000);
  const env = { DATABASE_URL: url, LEADLINE_SIMULATOR_DELAY_MS: "2500", LEADLINE_OUTCOME_TIMEOUT_MS: "4000" };
  server = await startAppServer(env);
  const { api, key } = await organisationWithKey(playwright, server.baseURL);
  const agent = await createAgent(api);

  // Call A is between attempts when the server dies; call B is on the line (its report will never come).
  const schedule = { num_of_retries: "1", gap_between_retries: "0.002" }; // 7.2 s
  const a = (await (await api.post("/api/v1/calls", { data: { agentId: agent.id, phone: "+919876550000", schedule } })).json()).call;
  await waitForCall(api, a.id, (c) => c.attempts[0]?.status === "ended");
  const b = (await (await api.post("/api/v1/calls", { data: { agentId: agent.id, phone: "+919876551234", schedule } })).json()).call;
  await waitForCall(api, b.id, (c) => c.attempts[0]?.status === "in_progress");

  await server.kill("SIGKILL");
  const killedAt = Date.now();
  // Stay down past call A's retry time and call B's outcome deadline.
  await new Promise((r) => setTimeout(r, 9_000));
  expect(await attemptCount(a.id)).toBe(1);

  server = await startAppServer(env);
  const restarted = await playwright.request.newContext({ baseURL: server.baseURL, extraHTTPHeaders: { "X-API-KEY": key } });
  const doneA = await waitForCall(restarted, a.id, (c) => c.status === "failed", 60_000);
  expect(doneA.attempts.map((x) => [x.number, x.outcome])).toEqual([
    [1, "no_answer"],
    [2, "no_answer"],
  ]);
  expect(Date.parse(doneA.attempts[1]!.dialedAt!)).toBeGreaterThan(killedAt);

  // B's lost report counts as a failed attempt at its deadline; the retry is then dialed once and answered.
  const doneB = await waitForCall(restarted, b.id, (c) => c.status === "completed", 60_000);
  expect(doneB.attempts.map((x) => [x.number, x.outcome])).toEqual([
    [1, "failed"],
    [2, "completed"],
  ]);
  expect(await attemptCount(a.id)).toBe(2);
  expect(await attemptCount(b.id)).toBe(2);
});
