import { CRMS } from "@/lib/crm/crms";
import { z } from "zod";
import { scheduleParamsSchema } from "@/lib/schedule/params-schema";
import { MAX_GAP_HOURS, MAX_RETRIES } from "@/lib/schedule/retry-params";
import { overnightWindow } from "@/lib/webhook-url/overnight";

export const KEY_MODES = ["query", "header"] as const;
export type KeyMode = (typeof KEY_MODES)[number];

/** The builder's form: schedule fields by their URL names, gaps one input per retry. */
export const webhookUrlFormSchema = z
  .object({
    crm: z.enum(CRMS, { error: "Choose LeadSquared or HubSpot." }),
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
    /** Set when the admin confirmed that "until" before "from" means an overnight window. */
    overnightConfirmed: z.boolean().optional(),
  })
  .superRefine((values, ctx) => {
    if (values.crm === "hubspot" && values.keyMode === "header") {
      ctx.addIssue({ code: "custom", path: ["keyMode"], message: "HubSpot webhooks cannot send custom headers: put the key in the URL." });
    }
    const overnight = overnightWindow(values.min_trigger_time, values.max_trigger_time);
    if (overnight && !values.overnightConfirmed) {
      const ask = overnight.suggestion ? ` Did you mean ${overnight.suggestion}?` : "";
      ctx.addIssue({
        code: "custom",
        path: ["overnightConfirmed"],
        message: `“Call until” is before “Call from”, so the window is ${overnight.sentence}.${ask} Confirm the overnight window or change “Call until”.`,
      });
    }
    const own = boxProblems(values);
    for (const [path, message] of own) ctx.addIssue({ code: "custom", path, message });
    // The server's own rules, so the URL shown is one the webhook accepts; the boxes' own words win where they speak.
    const checked = scheduleParamsSchema.safeParse(scheduleQueryOf(values));
    const spoken = new Set(own.map(([path]) => path[0]));
    for (const issue of checked.error?.issues ?? []) {
      const param = String(issue.path[0]);
      const field = param === "gap_between_retries" ? "gaps" : param;
      if (!spoken.has(field)) ctx.addIssue({ code: "custom", path: [field], message: issue.message });
    }
  });

/** Problems told in the form's own terms (its boxes), not the URL parameters the boxes become. */
function boxProblems(values: {
  min_trigger_time: string;
  max_trigger_time: string;
  num_of_retries: string;
  gaps: string[];
}): [(string | number)[], string][] {
  const found: [(string | number)[], string][] = [];
  const from = values.min_trigger_time.trim();
  if (from !== "" && from === values.max_trigger_time.trim()) {
    found.push([
      ["max_trigger_time"],
      "“Call from” and “Call until” are the same time, which leaves no time to call: make “Call until” later.",
    ]);
  }
  const retries = values.num_of_retries.trim();
  if (retries !== "" && !(/^\d+$/.test(retries) && Number(retries) <= MAX_RETRIES)) {
    found.push([["num_of_retries"], `Retries must be a whole number from 0 to ${MAX_RETRIES}.`]);
  }
  if (retries === "" || retries === "0") return found;
  values.gaps.forEach((text, i) => {
    const gap = text.trim();
    const box = `Retry ${i + 1}’s gap`;
    const hours = Number(gap);
    if (gap === "") found.push([["gaps", i], `${box} is empty: enter the hours to wait before it, e.g. 2.`]);
    else if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(gap))
      found.push([["gaps", i], `${box} is “${gap}”: enter hours as a number, e.g. 2 or 0.5.`]);
    else if (hours <= 0) found.push([["gaps", i], `${box} must be more than 0 hours: e.g. 0.5 for 30 minutes.`]);
    else if (hours > MAX_GAP_HOURS) found.push([["gaps", i], `${box} is ${gap} hours, above the maximum of ${MAX_GAP_HOURS} (30 days).`]);
  });
  return found;
}

export type WebhookUrlForm = z.input<typeof webhookUrlFormSchema>;
type ScheduleFields = Omit<WebhookUrlForm, "crm" | "keyMode" | "apiKey" | "overnightConfirmed">;

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
