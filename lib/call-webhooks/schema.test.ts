import { describe, expect, it } from "vitest";
import { callWebhookScopeSchema, callWebhookSettingsSchema, webhookUrlProblem } from "./schema";

describe("webhookUrlProblem", () => {
  it.each([
    "https://hooks.example.com/leadline",
    "https://10.0.0.5:8443/calls",
    "https://crm.internal/hook?token=abc",
    "http://localhost:4000/hook",
    "http://127.0.0.1:9999/",
    "http://[::1]:8080/x",
    "http://receiver.localhost/x",
  ])("accepts %s", (url) => {
    expect(webhookUrlProblem(url)).toBeNull();
  });

  it.each([
    ["not a URL", "hooks.example.com/x", "Enter a full URL, e.g. https://example.com/leadline/calls."],
    ["ftp", "ftp://example.com/x", "Use an https:// URL."],
    ["javascript", "javascript:alert(1)", "Use an https:// URL."],
    [
      "http to another host",
      "http://hooks.example.com/x",
      "Use https://: plain http is allowed only for localhost, where nothing crosses a network.",
    ],
    [
      "http to a private address",
      "http://10.0.0.5/x",
      "Use https://: plain http is allowed only for localhost, where nothing crosses a network.",
    ],
    [
      "credentials",
      "https://user:pw@hooks.example.com/x",
      "Remove the user name and password from the URL; check the signature (webhook-signature) to trust a post instead.",
    ],
    ["a fragment", "https://hooks.example.com/x#y", "Remove the #fragment: it is never sent to the server."],
  ])("refuses %s", (_name, url, message) => {
    expect(webhookUrlProblem(url)).toBe(message);
  });
});

describe("callWebhookSettingsSchema", () => {
  it("trims the URL and takes the events and switch", () => {
    expect(callWebhookSettingsSchema.parse({ url: "  https://h.example/x ", events: "final_only", enabled: false })).toEqual({
      url: "https://h.example/x",
      events: "final_only",
      enabled: false,
    });
  });

  it("names the field at fault", () => {
    const result = callWebhookSettingsSchema.safeParse({ url: "https://h.example/x", events: "sometimes", enabled: true });
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["events", "Choose after each attempt or the final outcome only."],
    ]);
  });

  it("reads scopes as org or an agent id", () => {
    expect(callWebhookScopeSchema.safeParse("org").success).toBe(true);
    expect(callWebhookScopeSchema.safeParse("agt_abc123").success).toBe(true);
    expect(callWebhookScopeSchema.safeParse("call_abc").success).toBe(false);
  });
});
