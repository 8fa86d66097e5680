import "server-only";
import { findAgent, forgetCachedAgent } from "@/lib/agents/queries";
import { db } from "@/lib/db";
import type { AgentVariable } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/ids";
import type { Variable, VariableList } from "@/lib/variables/schema";

/** The stored row in the shape the pure resolver and the API use. */
export function toVariable(row: AgentVariable): Variable {
  return {
    name: row.name,
    source: row.source,
    field: row.field,
    format: (row.format ?? undefined) as Variable["format"],
    default: row.defaultValue ?? undefined,
  };
}

export async function listVariables(orgId: string, agentId: string): Promise<Variable[]> {
  const agent = await findAgent(orgId, agentId);
  const rows = await db.agentVariable.findMany({ where: { agentId: agent.id }, orderBy: { position: "asc" } });
  return rows.map(toVariable);
}

/** Replaces the whole list in one transaction: order is position, so reordering is a save like any other. */
export async function replaceVariables(orgId: string, agentId: string, variables: VariableList): Promise<Variable[]> {
  const agent = await findAgent(orgId, agentId);
  await db.$transaction([
    db.agentVariable.deleteMany({ where: { agentId: agent.id } }),
    db.agentVariable.createMany({
      data: variables.map((v, position) => ({
        id: newId("var"),
        agentId: agent.id,
        position,
        name: v.name,
        source: v.source,
        field: v.field,
        format: v.format ?? null,
        defaultValue: v.default ?? null,
      })),
    }),
  ]);
  forgetCachedAgent(agent.id);
  return listVariables(orgId, agentId);
}
