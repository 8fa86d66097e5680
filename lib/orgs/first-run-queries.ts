import "server-only";
import { db } from "@/lib/db";
import { firstRunSteps, type FirstRunStep } from "@/lib/orgs/first-run";

/** The first-run steps from the organisation's own rows; four small reads, each bounded by the org's indexes. */
export async function loadFirstRunSteps(orgId: string): Promise<FirstRunStep[]> {
  const [integrations, agents, delivery] = await Promise.all([
    db.integration.findMany({ where: { orgId, status: "connected" }, select: { crm: true } }),
    db.agent.findMany({
      where: { orgId, archivedAt: null },
      orderBy: { createdAt: "asc" },
      select: { id: true, name: true, phoneVariable: true, variables: { select: { name: true } } },
    }),
    db.delivery.findFirst({ where: { orgId }, select: { id: true } }),
  ]);
  return firstRunSteps({
    connected: integrations.map((i) => i.crm),
    agents: agents.map((a) => ({ id: a.id, name: a.name, phoneVariable: a.phoneVariable, variables: a.variables.map((v) => v.name) })),
    deliveries: delivery ? 1 : 0,
  });
}
