import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AGENT_CACHE_MS, createAgent, deleteAgent, findWebhookAgent, updateAgent } from "@/lib/agents/queries";
import { agentInputSchema, agentUpdateSchema } from "@/lib/agents/schema";
import { db } from "@/lib/db";
import { replaceVariables } from "@/lib/variables/queries";
import { truncateAll } from "@/test/databases";
import { createAgentRow } from "@/test/call-fixtures";
import { createOrg } from "@/test/factories";

beforeEach(() => truncateAll(process.env.DATABASE_URL!));
afterEach(() => void vi.useRealTimers());

describe("findWebhookAgent", () => {
  it("sees this process's changes to the agent and its variables at once", async () => {
    const { organization } = await createOrg();
    const agent = await createAgent(organization.id, agentInputSchema.parse({ name: "Caller" }));
    expect((await findWebhookAgent(organization.id, agent.id))!.variables).toEqual([]);

    await replaceVariables(organization.id, agent.id, [
      { name: "phone", source: "leadsquared", field: "Mobile", format: undefined, default: undefined },
    ]);
    expect((await findWebhookAgent(organization.id, agent.id))!.variables.map((v) => v.field)).toEqual(["Mobile"]);

    await updateAgent(organization.id, agent.id, agentUpdateSchema.parse({ phoneVariable: "mobile" }));
    expect((await findWebhookAgent(organization.id, agent.id))!.phoneVariable).toBe("mobile");
  });

  it("sees another process's changes after the cache's time, and never another organisation's agent", async () => {
    const { organization } = await createOrg();
    const other = await createOrg();
    const agent = await createAgentRow(organization.id);
    expect(await findWebhookAgent(other.organization.id, agent.id)).toBeNull();
    vi.useFakeTimers({ toFake: ["Date"] });
    expect((await findWebhookAgent(organization.id, agent.id))!.timezone).toBeNull();
    await db.agent.update({ where: { id: agent.id }, data: { timezone: "Europe/London" } });
    vi.setSystemTime(Date.now() + AGENT_CACHE_MS - 1);
    expect((await findWebhookAgent(organization.id, agent.id))!.timezone).toBeNull();
    vi.setSystemTime(Date.now() + 1);
    expect((await findWebhookAgent(organization.id, agent.id))!.timezone).toBe("Europe/London");
  });

  it("forgets a deleted agent at once", async () => {
    const { organization } = await createOrg();
    const agent = await createAgentRow(organization.id);
    await findWebhookAgent(organization.id, agent.id);
    await deleteAgent(organization.id, agent.id);
    expect(await findWebhookAgent(organization.id, agent.id)).toBeNull();
  });
});
