import type { BudgetSpec } from "@/lib/crm/rate-budget";

/** LeadSquared's bulk lead create takes at most 50 leads per call (api-facts §1.5.5). */
export const BULK_MAX_LEADS = 50;

/**
 * Whether `creates` new leads move faster as one bulk call or as single calls, by leads moved per budget window.
 * Single creates share the standard budget with the searches every lead needs, so each created lead costs
 * `callsPerLead` standard calls (its searches and its create); a bulk call costs one slot of the separate bulk budget
 * and leaves the standard budget to the searches alone. Bulk wins when its window carries more leads.
 */
export function chooseCreateMode(input: {
  creates: number;
  searchesPerLead: number;
  standard: BudgetSpec;
  bulk: BudgetSpec;
}): "bulk" | "single" {
  const { creates, searchesPerLead, standard, bulk } = input;
  if (creates < 2) return "single";
  const singlePerWindow = standard.limit / (searchesPerLead + 1);
  const bulkPerWindow = (bulk.limit * Math.min(creates, BULK_MAX_LEADS) * standard.windowMs) / bulk.windowMs;
  return bulkPerWindow > singlePerWindow ? "bulk" : "single";
}
