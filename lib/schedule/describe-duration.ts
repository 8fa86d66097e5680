const UNITS = [
  { ms: 86_400_000, name: "day" },
  { ms: 3_600_000, name: "hour" },
  { ms: 60_000, name: "minute" },
  { ms: 1_000, name: "second" },
] as const;

const plural = (n: number, name: string) => `${n} ${name}${n === 1 ? "" : "s"}`;

/**
 * A duration for a sentence ("within 45 seconds", "within 1 hour 30 minutes"): its two largest whole units, so a
 * value under a minute never reads "0 minutes". Under a second it is "less than a second".
 */
export function describeDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms));
  const first = UNITS.findIndex((u) => total >= u.ms);
  if (first < 0) return "less than a second";
  const big = UNITS[first]!;
  const bigCount = Math.floor(total / big.ms);
  const small = UNITS[first + 1];
  const smallCount = small ? Math.floor((total % big.ms) / small.ms) : 0;
  return small && smallCount > 0 ? `${plural(bigCount, big.name)} ${plural(smallCount, small.name)}` : plural(bigCount, big.name);
}
