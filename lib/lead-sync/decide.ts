import type { ActivityBehaviour, LeadBehaviour } from "./schema";

export type SearchOutcome = { found: { leadId: string; by: string } | null; searched: string[] };

export type LeadAction = { kind: "create" } | { kind: "update"; leadId: string; matchedBy: string } | { kind: "skip"; reason: string };

/** Create, update or leave a lead, from the behaviour and what the Search By fields found (seed 001, §6.2.1). */
export function decideLeadAction(behaviour: LeadBehaviour | ActivityBehaviour, search: SearchOutcome): LeadAction {
  if (behaviour === "do_nothing") return { kind: "skip", reason: "The sync behaviour is Do nothing" };
  const { found } = search;
  if (found) {
    if (behaviour === "create_only") {
      return { kind: "skip", reason: `A lead with this ${found.by} exists and the behaviour creates only new records` };
    }
    return { kind: "update", leadId: found.leadId, matchedBy: found.by };
  }
  if (behaviour === "update_only") {
    const by = search.searched.length ? search.searched.join(" or ") : "Search By";
    return { kind: "skip", reason: `No lead matched by ${by} and the behaviour updates only existing records` };
  }
  return { kind: "create" };
}
