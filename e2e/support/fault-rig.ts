import { expect, type PlaywrightWorkerArgs } from "@playwright/test";
import { freePort } from "../../scripts/postgres";
import { createAgent, organisationWithKey } from "./api";
import { createFakeVapi, type FakeVapi } from "./fakes/vapi";
import { startAppServer, type AppServer } from "./server";

export const VAPI_KEY = "vapi-private-fault-suite-key";

/**
 * Short deadlines so a fault settles in seconds: a lost report fails its attempt after 5 s, a capped call looks again
 * after 0.5 s, a dial unrecorded for 6 s is asked about at the provider, and the sweeper looks for overdue states
 * every second, a second past their deadline. A step dials only within half the in-flight window of its claim, and
 * claim to dial takes up to 1.5 s on this loaded machine, so 6 s rather than less.
 */
export const FAULT_ENV = {
  LEADLINE_OUTCOME_TIMEOUT_MS: "5000",
  LEADLINE_SWEEP_INTERVAL_MS: "1000",
  LEADLINE_SWEEP_GRACE_MS: "1000",
  LEADLINE_DIAL_IN_FLIGHT_MS: "6000",
  LEADLINE_SIMULATOR_DELAY_MS: "300",
};

/** A seed from LEADLINE_FAULT_SEED (to replay a failure) or a fresh one, and a small PRNG (mulberry32) over it. */
export function faultRandom(label: string): { seed: number; random: () => number } {
  const given = Number(process.env.LEADLINE_FAULT_SEED);
  const seed = Number.isInteger(given) && given > 0 ? given : Math.floor(Math.random() * 2 ** 31) + 1;
  console.log(`[faults] ${label}: seed ${seed} (replay with LEADLINE_FAULT_SEED=${seed})`);
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { seed, random };
}

export type FaultRig = {
  vapi: FakeVapi;
  server: AppServer;
  /** Starts the server again on the same port, so the status URLs Vapi was given still reach it. */
  restart: () => Promise<AppServer>;
  stop: () => Promise<void>;
};

/** A fake Vapi whose calls last about a second, and the production server on its own database pointed at it. */
export async function startFaultRig(databaseUrl: string, env: Record<string, string> = {}): Promise<FaultRig> {
  const vapi = createFakeVapi({
    apiKey: VAPI_KEY,
    reportDelayMs: 600,
    stepMs: 100,
    createLatencyMs: 250,
    concurrencyLimit: 500,
    msPerBackoffSecond: 500,
  });
  const port = await freePort();
  const serverEnv = { DATABASE_URL: databaseUrl, VAPI_BASE_URL: await vapi.start(), ...FAULT_ENV, ...env };
  const rig: FaultRig = {
    vapi,
    server: await startAppServer(serverEnv, port),
    restart: async () => (rig.server = await startAppServer(serverEnv, port)),
    stop: async () => {
      await rig.server.kill("SIGKILL");
      await vapi.stop();
    },
  };
  return rig;
}

export type FaultAgents = { key: string; agentIds: string[] };

/** An organisation with one Vapi agent per cap, each mapping LeadSquared's FirstName and Phone. */
export async function setUpVapiAgents(playwright: PlaywrightWorkerArgs["playwright"], baseURL: string, caps: number[]) {
  const { api, key } = await organisationWithKey(playwright, baseURL);
  const agentIds: string[] = [];
  for (const cap of caps) {
    const agent = await createAgent(api, {
      name: `Cap ${cap}`,
      provider: "vapi",
      providerSettings: { assistantId: "asst_faults", phoneNumberId: "pn_faults" },
      providerApiKey: VAPI_KEY,
      concurrencyCap: cap,
    });
    const res = await api.put(`/api/v1/agents/${agent.id}/variables`, {
      data: {
        variables: [
          { name: "name", source: "leadsquared", field: "FirstName" },
          { name: "phone", source: "leadsquared", field: "Phone", format: "phone_e164" },
        ],
      },
    });
    expect(res.status()).toBe(200);
    agentIds.push(agent.id);
  }
  return { key, agentIds } satisfies FaultAgents;
}

export type Burst = {
  agents: FaultAgents;
  /** The first phone number's index; numbers are +919 and nine digits, so runs never share a lead. */
  firstLead: number;
  senders: number;
  deliveriesPerSender: number;
  leadsPerDelivery: number;
  /** Pause between one sender's deliveries, so the burst lasts long enough to be interrupted. */
  pauseMs: number;
  schedule: Record<string, string>;
  /** Filled as deliveries are acknowledged, so a test can time a fault from the first one. */
  progress?: { acknowledged: string[] };
};

export const phoneOf = (n: number) => `+919${String(n).padStart(9, "0")}`;

/**
 * Concurrent LeadSquared bulk deliveries over real HTTP, round-robin over the agents. A delivery counts only when it
 * was answered 200 with Status Success; one that failed (server gone, database down) is dropped, as the test cannot
 * know whether it was stored. Returns the acknowledged call ids.
 */
export async function sendBurst(baseURL: string, burst: Burst): Promise<{ acknowledged: string[]; refused: number }> {
  const acknowledged: string[] = burst.progress?.acknowledged ?? [];
  let refused = 0;
  let next = 0;
  const total = burst.senders * burst.deliveriesPerSender;
  await Promise.all(
    Array.from({ length: burst.senders }, async () => {
      for (let d = next++; d < total; d = next++) {
        const agentId = burst.agents.agentIds[d % burst.agents.agentIds.length]!;
        const query = new URLSearchParams({ agent_id: agentId, type: "leadsquared", ...burst.schedule });
        const leads = Array.from({ length: burst.leadsPerDelivery }, (_, i) => {
          const n = burst.firstLead + d * burst.leadsPerDelivery + i;
          return { ProspectID: `fault-${n}`, FirstName: "Asha", Phone: phoneOf(n) };
        });
        try {
          const res = await fetch(`${baseURL}/api/call/crm-webhook?${query}`, {
            method: "POST",
            headers: { "content-type": "application/json", "x-api-key": burst.agents.key },
            body: JSON.stringify(leads),
          });
          const body = (await res.json()) as { Status?: string; results?: Array<{ status: string; callId?: string }> };
          if (res.status !== 200 || body.Status !== "Success") refused++;
          else for (const r of body.results ?? []) if (r.status === "accepted" && r.callId) acknowledged.push(r.callId);
        } catch {
          refused++;
        }
        await new Promise((r) => setTimeout(r, burst.pauseMs));
      }
    }),
  );
  return { acknowledged, refused };
}
