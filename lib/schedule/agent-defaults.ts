import { SCHEDULE_PARAM_NAMES, type ScheduleParamName } from "./parse-schedule-params";
import { scheduleParamsSchema } from "./params-schema";
import type { ScheduleParams } from "./types";

type RawParams = Partial<Record<ScheduleParamName, string | null | undefined>>;

/** What a schedule needs of its agent: its defaults as stored (URL form, JSON) and its own zone, if any. */
export type ScheduleAgent = { scheduleDefaults: unknown; timezone: string | null };

/**
 * The zone an agent's calls are planned in: its own, else its organisation's. A request's `timezone` schedule parameter
 * still wins over it (planner.ts, effectiveZone).
 */
export function agentZone(agent: { timezone: string | null } | null | undefined, org: { timezone: string }): string {
  return agent?.timezone || org.timezone;
}

// Parameters that only make sense together: a URL that sets either one replaces the agent's pair.
const GROUPS: ScheduleParamName[][] = [
  ["min_trigger_time", "max_trigger_time"],
  ["num_of_retries", "gap_between_retries"],
];

const present = (v: string | null | undefined) => v !== undefined && v !== null && v.trim() !== "";

function defaultsOf(agent: ScheduleAgent | null): RawParams {
  const stored = agent?.scheduleDefaults;
  return stored && typeof stored === "object" && !Array.isArray(stored) ? (stored as RawParams) : {};
}

/**
 * The schedule parameters a request runs with: what its URL (or body) says, and the agent's defaults for what it
 * leaves out. Window ends and retry count/gaps travel as pairs, so "3 retries" in a URL never meets an agent's two gaps.
 */
export function withAgentDefaults(fromUrl: RawParams, agent: ScheduleAgent | null): RawParams {
  const defaults = defaultsOf(agent);
  const merged: RawParams = {};
  for (const name of SCHEDULE_PARAM_NAMES) {
    const group = GROUPS.find((g) => g.includes(name)) ?? [name];
    const urlSetsGroup = group.some((n) => present(fromUrl[n]));
    merged[name] = urlSetsGroup ? fromUrl[name] : defaults[name];
  }
  return merged;
}

/** The same, validated: a ZodError names each parameter that is wrong. */
export function agentSchedule(fromUrl: RawParams, agent: ScheduleAgent | null): ScheduleParams {
  return scheduleParamsSchema.parse(withAgentDefaults(fromUrl, agent));
}
