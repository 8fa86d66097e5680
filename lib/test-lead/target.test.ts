import { describe, expect, it } from "vitest";
import { testLeadTarget } from "./target";

const publicUrl = "https://leadline.example.com";
const check = (url: string) => testLeadTarget({ url, publicUrl, agentId: "agt_1" });

describe("testLeadTarget", () => {
  it("accepts this Leadline's webhook for this agent, at either path", () => {
    const a = check("https://leadline.example.com/api/call/crm-webhook?agent_id=agt_1&type=hubspot&x_api_key=k");
    expect(a.ok && a.crm).toBe("hubspot");
    expect(check("https://leadline.example.com/call/crm-webhook?agent_id=agt_1&type=leadsquared").ok).toBe(true);
  });

  it.each([
    ["not a url", /not a complete URL/],
    ["http://169.254.169.254/api/call/crm-webhook?agent_id=agt_1&type=leadsquared", /only to this Leadline/],
    ["https://leadline.example.com.evil.test/api/call/crm-webhook?agent_id=agt_1&type=leadsquared", /only to this Leadline/],
    ["http://leadline.example.com/api/call/crm-webhook?agent_id=agt_1&type=leadsquared", /only to this Leadline/],
    [
      "https://leadline.example.com/api/v1/agents?agent_id=agt_1&type=leadsquared",
      /only to https:\/\/leadline.example.com\/api\/call\/crm-webhook/,
    ],
    ["https://leadline.example.com/api/call/crm-webhook?agent_id=agt_2&type=leadsquared", /another agent/],
    ["https://leadline.example.com/api/call/crm-webhook?agent_id=agt_1&type=salesforce", /type=leadsquared/],
  ])("refuses %s", (url, message) => {
    const result = check(url);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
  });
});
