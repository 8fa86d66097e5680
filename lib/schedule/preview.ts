import { z } from "zod";
import { agentZone, withAgentDefaults, type ScheduleAgent } from "./agent-defaults";
import { describeReason } from "./describe-reason";
import { scheduleParamsSchema } from "./params-schema";
import { effectiveZone, planSchedule } from "./planner";

export const previewQuerySchema = z.object({
  created_at: z.iso.datetime({ offset: true, message: "created_at is an ISO 8601 instant, e.g. 2026-11-23T19:00:00+05:30" }),
});

/**
 * The plan if every attempt fails and is dialed on time, as the preview endpoint answers it. With an agent, it is what
 * a webhook URL for that agent would do: the agent's defaults and zone included.
 */
export function previewSchedule(query: Record<string, string | null | undefined>, agent: ScheduleAgent | null, org: { timezone: string }) {
  const when = previewQuerySchema.safeParse(query);
  const schedule = scheduleParamsSchema.safeParse(agent ? withAgentDefaults(query, agent) : query);
  // Every problem at once: a bad created_at and a bad gap list are reported together.
  if (!when.success || !schedule.success) throw new z.ZodError([...(when.error?.issues ?? []), ...(schedule.error?.issues ?? [])]);
  const { created_at } = when.data;
  const params = schedule.data;
  const zone = effectiveZone(params, agentZone(agent, org));
  const attempts = planSchedule({ createdAt: new Date(created_at), params, zone });
  return {
    timezone: zone,
    attempts: attempts.map((a) => ({ attempt: a.attempt, at: a.at.toISOString(), reason: describeReason(a.reason) })),
  };
}
