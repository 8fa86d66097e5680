import { expect, test } from "@playwright/test";
import pg from "pg";
import { applyMigrations } from "../../lib/db/migrate";
import { createScratchDatabase, truncateAll } from "../../test/databases";
import type { CreateCallRecord, FakeVapiCall } from "../support/fakes/vapi";
import { engineViolations, type EngineScope } from "../support/invariants";

// The fault suite is only as good as its checks: each broken state written here by hand must be named, a clean one not.
let url: string;

test.beforeAll(async () => {
  url = await createScratchDatabase(process.env.DATABASE_URL!, "leadline_test_invariants");
  await applyMigrations(url);
});

const T0 = Date.parse("2026-12-01T09:00:00Z");
const at = (s: number) => new Date(T0 + s * 1000);

type Attempt = { task: string; status: string; dialed: number | null; ended: number | null; callId: string | null };

/** One agent capped at 2 with three completed calls that never overlapped more than twice, as a good engine leaves them. */
async function writeRun(client: pg.Client, edit: { attempts?: Attempt[]; taskStatus?: Record<string, [string, Date | null]> } = {}) {
  await client.query("INSERT INTO organizations (id, name, timezone, default_country_code) VALUES ('org_1', 'O', 'UTC', '+91')");
  await client.query(
    "INSERT INTO agents (id, org_id, name, provider, concurrency_cap, updated_at) VALUES ('agt_1', 'org_1', 'A', 'vapi', 2, now())",
  );
  for (const [n, task] of ["call_a", "call_b", "call_c"].entries()) {
    const [status, next] = edit.taskStatus?.[task] ?? ["completed", null];
    await client.query(
      `INSERT INTO call_tasks (id, org_id, agent_id, status, source, phone, variables, schedule_params, timezone, max_attempts, attempts_made, next_attempt_at, updated_at)
       VALUES ($1, 'org_1', 'agt_1', $2, 'leadsquared', $3, '{}', '{}', 'UTC', 1, 1, $4, now())`,
      [task, status, `+9190000000${n}`, next],
    );
  }
  const attempts = edit.attempts ?? [
    { task: "call_a", status: "ended", dialed: 0, ended: 10, callId: "c_a" },
    { task: "call_b", status: "ended", dialed: 5, ended: 15, callId: "c_b" },
    { task: "call_c", status: "ended", dialed: 10, ended: 20, callId: "c_c" },
  ];
  for (const a of attempts) {
    await client.query(
      `INSERT INTO call_attempts (id, task_id, agent_id, number, status, scheduled_at, reason, provider, provider_call_id, variables_sent, dialed_at, ended_at)
       VALUES ($1, $2, 'agt_1', 1, $3, $4, '{}', 'vapi', $5, '{}', $6, $7)`,
      [`att_${a.task}`, a.task, a.status, at(0), a.callId, a.dialed === null ? null : at(a.dialed), a.ended === null ? null : at(a.ended)],
    );
  }
}

const created = (attemptId: string, callId: string, to: string): CreateCallRecord => ({ at: T0, attemptId, to, status: 201, callId });
const goodLog = () => [
  created("att_call_a", "c_a", "+91900000000"),
  created("att_call_b", "c_b", "+91900000001"),
  created("att_call_c", "c_c", "+91900000002"),
];

async function check(edit: Parameters<typeof writeRun>[1], scope: Partial<EngineScope> = {}, live: FakeVapiCall[] = []): Promise<string[]> {
  await truncateAll(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await writeRun(client, edit).finally(() => client.end());
  return engineViolations({
    url,
    agentIds: ["agt_1"],
    acknowledged: ["call_a", "call_b", "call_c"],
    provider: { createCalls: goodLog(), calls: () => live },
    ...scope,
  });
}

test.describe("the fault suite's invariant checks", () => {
  test("a run that ended well breaks none", async () => {
    expect(await check({})).toEqual([]);
  });

  const ended = (task: string, dialed: number, endedAt: number): Attempt => ({
    task,
    status: "ended",
    dialed,
    ended: endedAt,
    callId: `c_${task.slice(5)}`,
  });
  const cases: Array<{ name: string; edit: Parameters<typeof writeRun>[1]; scope?: Partial<EngineScope>; says: RegExp }> = [
    {
      name: "an acknowledged lead with no task",
      edit: {},
      scope: { acknowledged: ["call_a", "call_lost"] },
      says: /1 acknowledged leads have no call task/,
    },
    {
      name: "an attempt left dialing",
      edit: {
        attempts: [
          ended("call_a", 0, 10),
          ended("call_b", 5, 15),
          { task: "call_c", status: "dialing", dialed: null, ended: null, callId: null },
        ],
      },
      says: /attempt att_call_c is left dialing/,
    },
    {
      name: "a lead rung twice for one attempt",
      edit: {},
      scope: { provider: { createCalls: [...goodLog(), created("att_call_a", "c_a2", "+91900000000")], calls: () => [] } },
      says: /attempt att_call_a rang \+91900000000 2 times/,
    },
    {
      name: "three calls at once under a cap of 2, though no counter says so",
      edit: { attempts: [ended("call_a", 0, 10), ended("call_b", 5, 15), ended("call_c", 9, 20)] },
      says: /had 3 calls live at once, above its cap of 2/,
    },
    {
      name: "a slot held by an attempt whose call is over",
      edit: {
        attempts: [
          ended("call_a", 0, 10),
          ended("call_b", 5, 15),
          { task: "call_c", status: "in_progress", dialed: 10, ended: null, callId: "c_c" },
        ],
      },
      says: /attempt att_call_c holds a slot but its call c_c is not live/,
    },
    {
      name: "a due task nothing dialed",
      edit: { taskStatus: { call_c: ["scheduled", at(0)] } },
      says: /task call_c was due 2026-12-01T09:00:00.000Z and is not dialed/,
    },
  ];
  for (const c of cases) {
    test(`names ${c.name}`, async () => {
      const problems = await check(c.edit, c.scope);
      expect(
        problems.some((p) => c.says.test(p)),
        problems.join("\n"),
      ).toBe(true);
    });
  }
});
