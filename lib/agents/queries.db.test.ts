import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  AGENT_CACHE_MS,
  agentNames,
  createAgent,
  deleteAgent,
  findAgent,
  findCachedAgent,
  findWebhookAgent,
  listAgents,
  updateAgent,
} from "@/lib/agents/queries";
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

describe("findCachedAgent", () => {
  it("sees this process's change of the provider's settings at once, another's after the cache's time, and keeps no miss", async () => {
    const { organization } = await createOrg();
    expect(await findCachedAgent("agt_not_yet")).toBeNull();
    const late = await createAgentRow(organization.id, { id: "agt_not_yet" });
    expect((await findCachedAgent("agt_not_yet"))!.id).toBe(late.id);

    const agent = await createAgent(organization.id, agentInputSchema.parse({ name: "Caller" }));
    expect((await findCachedAgent(agent.id))!.provider).toBe("simulator");
    // The clock stands still from before the entry is stored, so the cache's time is measured from that instant.
    vi.useFakeTimers({ toFake: ["Date"] });
    await updateAgent(organization.id, agent.id, agentUpdateSchema.parse({ providerSettings: { assistantId: "a1" } }));
    expect((await findCachedAgent(agent.id))!.providerSettings).toEqual({ assistantId: "a1" });

    await db.agent.update({ where: { id: agent.id }, data: { providerSettings: { assistantId: "a2" } } });
    vi.setSystemTime(Date.now() + AGENT_CACHE_MS - 1);
    expect((await findCachedAgent(agent.id))!.providerSettings).toEqual({ assistantId: "a1" });
    vi.setSystemTime(Date.now() + 1);
    expect((await findCachedAgent(agent.id))!.providerSettings).toEqual({ assistantId: "a2" });
  });
});

describe("deleteAgent", () => {
  const call = (orgId: string, agentId: string, status: "scheduled" | "completed") =>
    db.callTask.create({
      data: {
        id: `call_${status}_${agentId}`,
        orgId,
        agentId,
        status,
        source: "api",
        phone: "+919876543210",
        variables: {},
        scheduleParams: {},
        timezone: "Asia/Kolkata",
        maxAttempts: 1,
      },
    });

  it("removes an agent that never placed a call", async () => {
    const { organization } = await createOrg();
    const agent = await createAgentRow(organization.id);
    expect(await deleteAgent(organization.id, agent.id)).toEqual({ keptCalls: 0 });
    expect(await db.agent.count()).toBe(0);
  });

  it("refuses with 409 while a call is open, and changes nothing", async () => {
    const { organization } = await createOrg();
    const agent = await createAgentRow(organization.id);
    await call(organization.id, agent.id, "scheduled");
    await expect(deleteAgent(organization.id, agent.id)).rejects.toMatchObject({ status: 409, code: "agent_busy" });
    expect((await db.agent.findUniqueOrThrow({ where: { id: agent.id } })).archivedAt).toBeNull();
  });

  it("archives an agent with past calls: gone from the API, the lists and its webhook URL, its calls kept under its name", async () => {
    const { organization } = await createOrg();
    const agent = await createAgentRow(organization.id);
    const done = await call(organization.id, agent.id, "completed");
    await findWebhookAgent(organization.id, agent.id);
    expect(await deleteAgent(organization.id, agent.id)).toEqual({ keptCalls: 1 });

    expect(await db.callTask.findUnique({ where: { id: done.id } })).not.toBeNull();
    await expect(findAgent(organization.id, agent.id)).rejects.toMatchObject({ status: 404, code: "unknown_agent" });
    expect(await findWebhookAgent(organization.id, agent.id)).toBeNull();
    expect(await listAgents(organization.id)).toEqual([]);
    expect(await agentNames(organization.id)).toEqual([{ id: agent.id, name: `${agent.name} (deleted)` }]);
    await expect(deleteAgent(organization.id, agent.id)).rejects.toMatchObject({ status: 404 });
  });
});
