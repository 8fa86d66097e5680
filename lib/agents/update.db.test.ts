import { beforeEach, describe, expect, it } from "vitest";
import { createAgent, findAgent, presentAgent, updateAgent } from "@/lib/agents/queries";
import { agentInputSchema, agentUpdateSchema } from "@/lib/agents/schema";
import { truncateAll } from "@/test/databases";
import { createOrg } from "@/test/factories";

beforeEach(() => truncateAll(process.env.DATABASE_URL!));

// Every field away from its default, so a change that resets anything shows.
const VAPI_AGENT = {
  name: "Vapi caller",
  provider: "vapi",
  providerSettings: { assistantId: "asst_1", phoneNumberId: "pn_1" },
  providerApiKey: "vapi-private-key-1234",
  timezone: "Europe/London",
  concurrencyCap: 17,
  phoneVariable: "mobile",
  scheduleDefaults: { min_trigger_time: "09:00", max_trigger_time: "18:00", carry_over: "true" },
} as const;

const snapshot = async (orgId: string, id: string) => {
  const { updatedAt: _updated, ...rest } = presentAgent(await findAgent(orgId, id));
  return rest;
};

describe("PATCH changes only the field it names", () => {
  const changes: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
    ["name", { name: "Renamed" }, { name: "Renamed" }],
    ["provider", { provider: "simulator" }, { provider: "simulator" }],
    [
      "providerSettings",
      { providerSettings: { assistantId: "asst_2", phoneNumberId: "pn_2" } },
      { providerSettings: { assistantId: "asst_2", phoneNumberId: "pn_2" } },
    ],
    ["providerApiKey", { providerApiKey: "vapi-private-key-9876" }, { providerApiKey: "••••9876" }],
    ["timezone", { timezone: "Asia/Kolkata" }, { timezone: "Asia/Kolkata" }],
    ["timezone (cleared)", { timezone: "" }, { timezone: null }],
    ["concurrencyCap", { concurrencyCap: 3 }, { concurrencyCap: 3 }],
    ["phoneVariable", { phoneVariable: "phone" }, { phoneVariable: "phone" }],
    [
      "scheduleDefaults",
      { scheduleDefaults: { num_of_retries: "1", gap_between_retries: "2" } },
      { scheduleDefaults: { num_of_retries: "1", gap_between_retries: "2" } },
    ],
  ];

  it.each(changes)("%s", async (_, patch, expected) => {
    const { organization } = await createOrg();
    const agent = await createAgent(organization.id, agentInputSchema.parse(VAPI_AGENT));
    const before = await snapshot(organization.id, agent.id);
    expect(before.providerApiKey).toBe("••••1234");

    await updateAgent(organization.id, agent.id, agentUpdateSchema.parse(patch));
    expect(await snapshot(organization.id, agent.id)).toEqual({ ...before, ...expected });
  });

  it("an empty change changes nothing", async () => {
    const { organization } = await createOrg();
    const agent = await createAgent(organization.id, agentInputSchema.parse(VAPI_AGENT));
    const before = await snapshot(organization.id, agent.id);
    expect(agentUpdateSchema.parse({})).toEqual({});
    await updateAgent(organization.id, agent.id, agentUpdateSchema.parse({}));
    expect(await snapshot(organization.id, agent.id)).toEqual(before);
  });
});

describe("a new agent", () => {
  it("gets the defaults for what it leaves out", async () => {
    expect(agentInputSchema.parse({ name: "Caller" })).toEqual({
      name: "Caller",
      provider: "simulator",
      providerSettings: {},
      concurrencyCap: 5,
      phoneVariable: "phone",
      scheduleDefaults: {},
    });
    const { organization } = await createOrg();
    const agent = await createAgent(organization.id, agentInputSchema.parse({ name: "Caller" }));
    expect((await findAgent(organization.id, agent.id)).timezone).toBeNull();
  });
});
