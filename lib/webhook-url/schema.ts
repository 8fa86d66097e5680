import { z } from "zod";
import { scheduleParamsSchema } from "@/lib/schedule/params-schema";
import { VARIABLE_SOURCES } from "@/lib/variables/schema";

export const KEY_MODES = ["query", "header"] as const;
export type KeyMode = (typeof KEY_MODES)[number];

/** The builder's form: schedule fields by their URL names, gaps one input per retry. */
export const webhookUrlFormSchema = z
  .object({
    crm: z.enum(VARIABLE_SOURCES, { error: "Choose LeadSquared or HubSpot." }),
    keyMode: z.enum(KEY_MODES, { error: "Choose where the key goes: the URL or a header." }),
    apiKey: z
      .string()
      .trim()
      .regex(/^ll_[0-9a-z]+_[0-9a-z]+$/, "Paste a whole Leadline API key (ll_…), or create one for this webhook."),
    min_trigger_time: z.string().trim(),
    max_trigger_time: z.string().trim(),
    carry_over: z.boolean(),
    num_of_retries: z.string().trim(),
    gaps: z.array(z.string().trim()),
    timezone: z.string().trim(),
  })
  .superRefine((values, ctx) => {
    if (values.crm === "hubspot" && values.keyMode === "header") {
      ctx.addIssue({ code: "custom", path: ["keyMode"], message: "HubSpot webhooks cannot send custom headers: put the key in the URL." });
    }
    // The server's own rules, so the URL shown is one the webhook accepts.
    const checked = scheduleParamsSchema.safeParse(scheduleQueryOf(values));
    for (const issue of checked.error?.issues ?? []) {
      const param = String(issue.path[0]);
      ctx.addIssue({ code: "custom", path: [param === "gap_between_retries" ? "gaps" : param], message: issue.message });
    }
  });

export type WebhookUrlForm = z.input<typeof webhookUrlFormSchema>;
type ScheduleFields = Omit<WebhookUrlForm, "crm" | "keyMode" | "apiKey">;

/** The schedule parameters the URL carries, in CallKaro's names; empty fields are left out (the agent's defaults apply). */
export function scheduleQueryOf(values: ScheduleFields): Record<string, string> {
  const retries = values.num_of_retries.trim();
  const query: Record<string, string> = {
    min_trigger_time: values.min_trigger_time.trim(),
    max_trigger_time: values.max_trigger_time.trim(),
    carry_over: values.carry_over ? "true" : "",
    num_of_retries: retries,
    gap_between_retries: retries && retries !== "0" ? values.gaps.map((g) => g.trim()).join(",") : "",
    timezone: values.timezone.trim(),
  };
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== ""));
}

/** One gap input per retry: keeps what was typed, adds empty inputs, drops the surplus. */
export function resizeGaps(gaps: readonly string[], retriesText: string): string[] {
  const text = retriesText.trim();
  const retries = text === "" ? 0 : /^\d+$/.test(text) ? Math.min(Number(text), 10) : gaps.length;
  return Array.from({ length: retries }, (_, i) => gaps[i] ?? "");
}
