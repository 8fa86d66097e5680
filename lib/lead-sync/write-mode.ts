import type { BudgetSpec } from "@/lib/crm/rate-budget";

/** LeadSquared's bulk lead create takes at most 50 leads per call (api-facts §1.5.5). */
export const BULK_MAX_LEADS = 50;
/** Update Leads in Bulk v2 (Lead/Bulk/UpdateV2) takes at most 25 leads per call. */
export const BULK_MAX_UPDATES = 25;

/**
 * Whether `writes` lead writes (creates or updates) move faster through bulk calls or as single calls, by leads moved
 * per budget window. Single writes share the standard budget with the searches every lead needs, so each lead costs
 * `searchesPerLead + 1` standard calls; a bulk call costs one slot of the separate bulk budget and leaves the standard
 * budget to the searches alone. Bulk wins when its window carries more leads. Counted at the smaller bulk call (25
 * updates), which decides as the 50-lead create would up to 25 writes and says bulk above that either way.
 */
export function chooseWriteMode(input: {
  writes: number;
  searchesPerLead: number;
  standard: BudgetSpec;
  bulk: BudgetSpec;
}): "bulk" | "single" {
  const { writes, searchesPerLead, standard, bulk } = input;
  if (writes < 2) return "single";
  const singlePerWindow = standard.limit / (searchesPerLead + 1);
  const bulkPerWindow = (bulk.limit * Math.min(writes, BULK_MAX_UPDATES) * standard.windowMs) / bulk.windowMs;
  return bulkPerWindow > singlePerWindow ? "bulk" : "single";
}
