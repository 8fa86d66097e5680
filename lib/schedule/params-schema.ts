import { z } from "zod";
import { SCHEDULE_PARAM_NAMES, type ScheduleParamName, parseScheduleParams } from "./parse-schedule-params";
import type { ScheduleParams } from "./types";

function textParam(name: ScheduleParamName) {
  return z.string({ error: `${name} must be text, as it arrives in a URL query (e.g. "09:00" or "2,4,6")` }).nullish();
}

const shape = Object.fromEntries(SCHEDULE_PARAM_NAMES.map((name) => [name, textParam(name)])) as Record<
  ScheduleParamName,
  ReturnType<typeof textParam>
>;

/**
 * Shared by the webhook route, the preview route and the dashboard form.
 * Unknown keys (agent_id, x_api_key, ...) are stripped; each problem becomes an issue at `[parameter]`.
 */
export const scheduleParamsSchema = z.object(shape).transform((input, ctx): ScheduleParams => {
  const result = parseScheduleParams(input);
  if (result.ok) return result.params;
  for (const problem of result.problems) {
    ctx.addIssue({ code: "custom", path: [problem.parameter], message: problem.message });
  }
  return z.NEVER;
});

export type ScheduleParamsSchemaInput = z.input<typeof scheduleParamsSchema>;
