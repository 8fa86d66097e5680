import { type Crm, CRM_NAMES } from "@/lib/crm/crms";
export type FirstRunStepId = "connect" | "agent" | "variables" | "deliver";

export type FirstRunStep = { id: FirstRunStepId; title: string; done: boolean; detail: string; href: string; action: string };

export type FirstRunFacts = {
  connected: Crm[];
  /** The organisation's agents, oldest first, with the names of their variables. */
  agents: { id: string; name: string; phoneVariable: string; variables: string[] }[];
  deliveries: number;
};

/**
 * The four steps from a new organisation to its first lead, each done by real data: a connected CRM, an agent, an
 * agent whose variables include its phone variable, and a delivery at the webhook.
 */
export function firstRunSteps(facts: FirstRunFacts): FirstRunStep[] {
  const agent = facts.agents[0];
  const mapped = facts.agents.find((a) => a.variables.includes(a.phoneVariable));
  const target = mapped ?? agent;
  return [
    {
      id: "connect",
      title: "Connect your CRM",
      done: facts.connected.length > 0,
      detail: facts.connected.length
        ? `${facts.connected.map((c) => CRM_NAMES[c]).join(" and ")} connected.`
        : "LeadSquared (Host URL, Access Key, Secret Key) or HubSpot (a private app's token).",
      href: "/integrations",
      action: "Connect a CRM",
    },
    {
      id: "agent",
      title: "Create an agent",
      done: !!agent,
      detail: agent ? `${agent.name} is ready.` : "The agent places the calls: its provider, time zone and default calling window.",
      href: agent ? `/agents/${agent.id}?tab=settings` : "/agents/new",
      action: agent ? "Open the agent" : "Create an agent",
    },
    {
      id: "variables",
      title: "Map the CRM's fields to the agent's variables",
      done: !!mapped,
      detail: mapped
        ? `${mapped.name} reads ${mapped.variables.length} variable${mapped.variables.length === 1 ? "" : "s"}, including ${mapped.phoneVariable}.`
        : `Under Variable Source, include the phone variable (${agent?.phoneVariable ?? "phone"}): without it no lead can be called.`,
      href: target ? `/agents/${target.id}?tab=variables` : "/agents/new",
      action: "Open Variable Source",
    },
    {
      id: "deliver",
      title: "Paste the webhook URL into the CRM, or send a test lead",
      done: facts.deliveries > 0,
      detail:
        facts.deliveries > 0
          ? "A lead has reached the webhook: follow its call in Call History."
          : "Build the URL with a calling window and retries, paste it into the CRM, and send a test lead to try it now.",
      href: target ? `/agents/${target.id}?tab=webhook` : "/agents/new",
      action: "Open Webhook URL",
    },
  ];
}
