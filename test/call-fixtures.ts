import { createCallTask } from "@/lib/calls/create";
import type { CallDriver } from "@/lib/calls/driver";
import type { ProviderBinding, StepDeps } from "@/lib/calls/engine";
import { DIAL_GIVE_UP_MS, DIAL_IN_FLIGHT_MS, SWEEP_GRACE_MS } from "@/lib/calls/state";
import { relaySoon, relayWakeups } from "@/lib/calls/wakeups";
import { recordReport } from "@/lib/calls/writes";
import { db } from "@/lib/db";
import type { Agent } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import type { CallReport, VoiceProvider } from "@/lib/providers/voice/port";
import { parseScheduleParams } from "@/lib/schedule/parse-schedule-params";
import type { Outcome } from "@/lib/schedule/types";
import { createOrg } from "@/test/factories";

/** A driver that takes no wake-up: they stay in the outbox, and a test runs the steps itself. */
export const outboxOnly: CallDriver = { name: "inngest", handOverAheadMs: 0, handOver: async () => {} };

/** The agent's live attempts (dialing or on the line): the slots they hold. */
export const liveAttempts = (agentId: string) => db.callAttempt.count({ where: { agentId, status: { in: ["dialing", "in_progress"] } } });

export type Dial = { attemptId: string; to: string; at: Date; liveAtStart: number };

/**
 * A voice provider scripted per destination number: each dial takes the next outcome in the number's list and
 * reports it after `reportDelayMs` through `onReport` (the same recordReport path the status webhook uses).
 */
export function scriptedProvider(opts: {
  outcomes: Record<string, Outcome[]>;
  /** Report after this long; null holds each report until `flush(attemptId)` (for a fake clock). */
  reportDelayMs: number | null;
  /** Resolves false when the report was not taken (its call id not stored yet), as our status route's 404. */
  onReport: (agent: Agent, report: CallReport) => Promise<boolean>;
  now: () => Date;
}) {
  const dials: Dial[] = [];
  const held = new Map<string, () => Promise<void>>();
  let live = 0;
  const provider = (agent: Agent): VoiceProvider => ({
    name: "simulator",
    async startCall(req) {
      const script = opts.outcomes[req.to] ?? [];
      const outcome = script[dials.filter((d) => d.to === req.to).length] ?? "completed";
      dials.push({ attemptId: req.attemptId, to: req.to, at: opts.now(), liveAtStart: ++live });
      const providerCallId = `fake_${req.attemptId}`;
      // Like the simulator and Vapi, it echoes our attempt id, so a report that beats recordDialed is still taken.
      const report = {
        providerCallId,
        attemptId: req.attemptId,
        outcome,
        detail: `scripted ${outcome}`,
        endedAt: opts.now(),
        retryable: true,
      };
      // Like a real provider, try again while our side does not know the call yet.
      const deliver = async (triesLeft: number) => {
        if ((await opts.onReport(agent, report)) || triesLeft === 0) return;
        setTimeout(() => void deliver(triesLeft - 1), 25);
      };
      // The call has ended when its report goes out: once our side records it, its slot may be taken at once.
      const end = (triesLeft: number) => (live--, deliver(triesLeft));
      if (opts.reportDelayMs === null) held.set(req.attemptId, () => end(0));
      else setTimeout(() => void end(40), opts.reportDelayMs);
      return { providerCallId };
    },
    // It remembers every call it placed, as the simulator does within one process.
    async findCall(req) {
      const placed = dials.some((d) => d.attemptId === req.attemptId);
      return placed ? { kind: "found", providerCallId: `fake_${req.attemptId}` } : { kind: "absent" };
    },
    parseStatusWebhook: () => null,
  });
  const binding = (agent: Agent): ProviderBinding => ({
    provider: provider(agent),
    credentials: {},
    statusUrl: "http://127.0.0.1:9/unused",
  });
  /** Delivers a held report now; false if that attempt was never dialed. */
  const flush = async (attemptId: string) => {
    const send = held.get(attemptId);
    held.delete(attemptId);
    if (send) await send();
    return !!send;
  };
  return { dials, binding, flush };
}

/** The status webhook's path: record the report (which queues the task's wake-up) and relay it at once. */
export function reportThrough(driver: CallDriver) {
  return async (agent: Agent, report: CallReport) => {
    const r = await recordReport(agent, report);
    if (r && !r.duplicate) await relaySoon(driver);
    return r !== null;
  };
}

export function testDeps(binding: (agent: Agent) => ProviderBinding, now: () => Date): StepDeps {
  return {
    providerFor: binding,
    now,
    outcomeTimeoutMs: 60_000,
    dialInFlightMs: DIAL_IN_FLIGHT_MS,
    dialGiveUpMs: DIAL_GIVE_UP_MS,
    sweepGraceMs: SWEEP_GRACE_MS,
    lookupLeads: async () => new Map(),
    leadRejected: async () => {},
  };
}

export async function createAgentRow(orgId: string, overrides: Partial<Omit<Agent, "writeBack">> = {}): Promise<Agent> {
  return db.agent.create({
    data: { id: newId("agt"), orgId, name: "Test agent", concurrencyCap: 5, ...overrides, providerSettings: {}, scheduleDefaults: {} },
  });
}

/** An organisation, an agent and `phones.length` call tasks with the given URL-style schedule, their wake-ups relayed to the driver. */
export async function seedCalls(
  driver: CallDriver,
  /** `receivedAt` as a clock is read once the organisation exists: its set-up (a password hash) takes a while. */
  opts: { phones: string[]; schedule: Record<string, string>; receivedAt: Date | (() => Date); cap?: number },
) {
  const { organization } = await createOrg();
  const agent = await createAgentRow(organization.id, { concurrencyCap: opts.cap ?? 5 });
  const parsed = parseScheduleParams(opts.schedule);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const receivedAt = typeof opts.receivedAt === "function" ? opts.receivedAt() : opts.receivedAt;
  const tasks = await db.$transaction((tx) =>
    Promise.all(
      opts.phones.map((phone) =>
        createCallTask(tx, {
          orgId: organization.id,
          agent,
          source: "api",
          phone,
          variables: { phone },
          params: parsed.params,
          fallbackZone: "Asia/Kolkata",
          receivedAt,
        }),
      ),
    ),
  );
  await relayWakeups(driver);
  return { organization, agent, tasks };
}
