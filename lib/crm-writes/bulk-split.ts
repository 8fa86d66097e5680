/** A kind of write that can also go several to a call, on a budget of its own besides the account's single budget. */
export type BulkKind = {
  /** Rows one bulk call takes at most. */
  maxPerCall: number;
  /** Single calls the account's single budget allows per window. */
  singlesPerWindow: number;
};

type Row = { kind: string; account: string | null };

/**
 * Which of one drain's claimed rows go in bulk calls, and in which groups; the rest run one by one. Per account and
 * bulk kind: every row of the account takes at least one single call, so when the account's rows fit in one window of
 * its single budget they all go single (a bulk call would send nothing sooner). Past that, bulk wins: the rows are
 * spread over the fewest windows of single and bulk budget together, singles first (one call, one row: a refusal
 * touches nothing else), and the rows the single budget cannot take in those windows go in bulk calls of at most
 * `maxPerCall`, so both budgets are in use at once.
 */
export function splitForBulk<T extends Row>(rows: T[], bulkKinds: Record<string, BulkKind>): { singles: T[]; groups: T[][] } {
  const singles: T[] = [];
  const groups: T[][] = [];
  for (const own of groupBy(rows, (r) => r.account ?? "").values()) {
    for (const [kind, ofKind] of groupBy(own, (r) => (r.account !== null && bulkKinds[r.kind] ? r.kind : ""))) {
      if (!kind) {
        singles.push(...ofKind);
        continue;
      }
      const { maxPerCall, singlesPerWindow } = bulkKinds[kind]!;
      const windows = Math.ceil(own.length / (singlesPerWindow + maxPerCall));
      const single = Math.min(ofKind.length, Math.max(0, windows * singlesPerWindow - (own.length - ofKind.length)));
      singles.push(...ofKind.slice(0, single));
      for (let i = single; i < ofKind.length; i += maxPerCall) groups.push(ofKind.slice(i, i + maxPerCall));
    }
  }
  return { singles, groups };
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
