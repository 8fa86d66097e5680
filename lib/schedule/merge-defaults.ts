import { SCHEDULE_PARAM_NAMES, type ScheduleParamName } from "./parse-schedule-params";

type RawParams = Partial<Record<ScheduleParamName, string | null | undefined>>;

// Parameters that only make sense together: a URL that sets either one replaces the agent's pair.
const GROUPS: ScheduleParamName[][] = [
  ["min_trigger_time", "max_trigger_time"],
  ["num_of_retries", "gap_between_retries"],
];

const present = (v: string | null | undefined) => v !== undefined && v !== null && v.trim() !== "";

/**
 * The schedule a request runs with: what its URL says, and the agent's defaults for what it leaves out.
 * Window ends and retry count/gaps travel as pairs, so "3 retries" in a URL never meets an agent's two gaps.
 */
export function withAgentDefaults(fromUrl: RawParams, agentDefaults: RawParams): RawParams {
  const merged: RawParams = {};
  for (const name of SCHEDULE_PARAM_NAMES) {
    const group = GROUPS.find((g) => g.includes(name)) ?? [name];
    const urlSetsGroup = group.some((n) => present(fromUrl[n]));
    merged[name] = urlSetsGroup ? fromUrl[name] : agentDefaults[name];
  }
  return merged;
}
