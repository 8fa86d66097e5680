import { describe, expect, it } from "vitest";
import { scheduleParamsSchema } from "@/lib/schedule/params-schema";
import { buildWebhookUrl } from "./build";
import { resizeGaps, webhookUrlFormSchema, type WebhookUrlForm } from "./schema";

const KEY = "ll_abcdefghijkl_0123456789abcdefghijklmnopqrstuv";
const base: WebhookUrlForm = {
  crm: "leadsquared",
  keyMode: "query",
  apiKey: KEY,
  min_trigger_time: "",
  max_trigger_time: "",
  carry_over: false,
  num_of_retries: "",
  gaps: [],
  timezone: "",
};
const form = (patch: Partial<WebhookUrlForm>): WebhookUrlForm => ({ ...base, ...patch });
const build = (patch: Partial<WebhookUrlForm>) =>
  buildWebhookUrl({ origin: "https://leadline.example.com/ignored/path", agentId: "agt_1", values: form(patch) });

describe("buildWebhookUrl", () => {
  it("writes CallKaro's parameter names, readable, in the documented order", () => {
    const built = build({
      min_trigger_time: "09:00",
      max_trigger_time: "18:00",
      carry_over: true,
      num_of_retries: "3",
      gaps: ["2", "4", "6"],
      timezone: "Asia/Kolkata",
    });
    expect(built.url).toBe(
      `https://leadline.example.com/api/call/crm-webhook?agent_id=agt_1&type=leadsquared&x_api_key=${KEY}&min_trigger_time=09:00&max_trigger_time=18:00&carry_over=true&num_of_retries=3&gap_between_retries=2,4,6&timezone=Asia/Kolkata`,
    );
    expect(built.headers).toEqual([]);
  });

  it("moves the key to an X-API-KEY header in header mode", () => {
    const built = build({ keyMode: "header" });
    expect(built.url).toBe("https://leadline.example.com/api/call/crm-webhook?agent_id=agt_1&type=leadsquared");
    expect(built.headers).toEqual([{ name: "X-API-KEY", value: KEY }]);
  });

  it("leaves out what is empty, so the agent's defaults apply, and no gaps without retries", () => {
    expect(build({ num_of_retries: "0", gaps: ["5"] }).url).toMatch(/&num_of_retries=0$/);
    expect(build({}).url).not.toMatch(/trigger_time|carry_over|retries|timezone/);
  });

  it("builds URLs whose schedule the webhook's own schema reads back as set", () => {
    const url = new URL(
      build({
        min_trigger_time: "22:00",
        max_trigger_time: "06:00",
        carry_over: true,
        num_of_retries: "2",
        gaps: ["0.5", "12"],
        timezone: "America/New_York",
      }).url,
    );
    const params = scheduleParamsSchema.parse(Object.fromEntries(url.searchParams));
    expect(params).toMatchObject({
      carryOver: true,
      retries: 2,
      gapsHours: [0.5, 12],
      timezone: "America/New_York",
      window: { start: { hour: 22, minute: 0 }, end: { hour: 6, minute: 0 } },
    });
  });
});

describe("webhookUrlFormSchema", () => {
  const errors = (patch: Partial<WebhookUrlForm>) => {
    const result = webhookUrlFormSchema.safeParse(form(patch));
    return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
  };

  it("accepts a complete form", () => {
    expect(errors({ min_trigger_time: "09:00", max_trigger_time: "18:00", num_of_retries: "3", gaps: ["2", "4", "8"] })).toEqual({});
  });

  it("reports the server's schedule rules on the builder's own fields", () => {
    const found = errors({ min_trigger_time: "9am", num_of_retries: "3", gaps: ["2", "", "4"], timezone: "+05:30" });
    expect(Object.keys(found).sort()).toEqual(["gaps.1", "min_trigger_time", "timezone"]);
    expect(found["gaps.1"]).toBe("Retry 2’s gap is empty: enter the hours to wait before it, e.g. 2.");
  });

  it("speaks of the boxes, not the URL parameters they become", () => {
    const found = errors({ num_of_retries: "3", gaps: ["0", "abc", "800"] });
    expect(found).toEqual({
      "gaps.0": "Retry 1’s gap must be more than 0 hours: e.g. 0.5 for 30 minutes.",
      "gaps.1": "Retry 2’s gap is “abc”: enter hours as a number, e.g. 2 or 0.5.",
      "gaps.2": "Retry 3’s gap is 800 hours, above the maximum of 720 (30 days).",
    });
    expect(errors({ num_of_retries: "11" })).toEqual({ num_of_retries: "Retries must be a whole number from 0 to 10." });
    expect(errors({ min_trigger_time: "09:00", max_trigger_time: "09:00" }).max_trigger_time).toMatch(
      /^“Call from” and “Call until” are the same time/,
    );
  });

  it("asks before taking an until earlier than from as an overnight window", () => {
    const overnight = { min_trigger_time: "09:00", max_trigger_time: "08:00" };
    expect(errors(overnight)).toEqual({
      overnightConfirmed:
        "“Call until” is before “Call from”, so the window is overnight: 23 hours, from 9:00 AM until 8:00 AM the next day. Did you mean 9:00 AM to 8:00 PM? Confirm the overnight window or change “Call until”.",
    });
    expect(errors({ ...overnight, overnightConfirmed: true })).toEqual({});
  });

  it("keeps the key in the URL for HubSpot, which cannot send custom headers", () => {
    expect(errors({ crm: "hubspot", keyMode: "header" }).keyMode).toMatch(/HubSpot webhooks cannot send custom headers/);
  });

  it("asks for a whole API key", () => {
    expect(errors({ apiKey: "" }).apiKey).toMatch(/Paste a whole Leadline API key/);
    expect(errors({ apiKey: "ll_abc" }).apiKey).toBeDefined();
  });
});

describe("resizeGaps", () => {
  it.each([
    [["2", "4"], "3", ["2", "4", ""]],
    [["2", "4", "6"], "1", ["2"]],
    [["2"], "", []],
    [["2"], "0", []],
    [["2"], "x", ["2"]],
    [[], "25", Array(10).fill("")],
  ])("%j with %j retries → %j", (gaps, retries, expected) => {
    expect(resizeGaps(gaps, retries)).toEqual(expected);
  });
});
