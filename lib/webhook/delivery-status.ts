/** A delivery's one-word status in the log, from what became of its leads. */
export function deliveryStatus(c: { accepted: number; duplicates: number; rejected: number }): string {
  if (c.rejected && (c.accepted || c.duplicates)) return "partial";
  if (c.rejected) return "rejected";
  return c.accepted ? "accepted" : c.duplicates ? "duplicate" : "ignored";
}
