import { type FieldResult, invalid, quote, valid } from "./field-result";
import type { ScheduleProblem } from "./types";

export const MAX_RETRIES = 10;
export const MAX_GAP_HOURS = 720;

const RETRIES = "num_of_retries";
const GAPS = "gap_between_retries";

/** `null` when invalid, so the gap count check is skipped rather than compared against a guess. */
export function parseRetries(text: string | undefined): FieldResult<number | null> {
  if (text === undefined) return valid(0);
  if (!/^\d+$/.test(text)) {
    return invalid(
      null,
      RETRIES,
      `${RETRIES} is ${quote(text)}, which is not a whole number: use a whole number from 0 to ${MAX_RETRIES}, e.g. 3`,
    );
  }
  const retries = Number(text);
  if (retries > MAX_RETRIES) {
    return invalid(null, RETRIES, `${RETRIES} is ${retries}, above the maximum of ${MAX_RETRIES}: use a number from 0 to ${MAX_RETRIES}`);
  }
  return valid(retries);
}

function exampleGaps(count: number): string {
  return Array.from({ length: count }, (_, i) => 2 * (i + 1)).join(",");
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

function parseGap(item: string, position: string): FieldResult<number | null> {
  const at = `${GAPS} value ${position}`;
  if (item === "") return invalid(null, GAPS, `${at} is empty: remove the extra comma, e.g. 2,4,6`);
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(item)) {
    return invalid(
      null,
      GAPS,
      `${at} is ${quote(item)}, which is not a number of hours: use hours such as 2 or 0.5 (30 minutes), e.g. 2,4,6`,
    );
  }
  const hours = Number(item);
  if (hours <= 0) return invalid(null, GAPS, `${at} is ${item}, but a gap must be more than 0 hours: use e.g. 0.5 for 30 minutes`);
  if (hours > MAX_GAP_HOURS) {
    return invalid(
      null,
      GAPS,
      `${at} is ${item} hours, above the maximum of ${MAX_GAP_HOURS} hours (30 days): use ${MAX_GAP_HOURS} or less`,
    );
  }
  return valid(hours);
}

function countProblem(count: number, retries: number, retriesGiven: boolean): string {
  const example = `e.g. ${exampleGaps(retries)}`;
  if (count === 0) {
    return `${GAPS} is missing but ${RETRIES} is ${retries}: give ${plural(retries, "comma-separated gap")} in hours, ${example}`;
  }
  const has = `${GAPS} has ${plural(count, "value")} but ${RETRIES} is ${retries}`;
  if (retries === 0) {
    const why = retriesGiven ? "" : ` (the default when ${RETRIES} is absent)`;
    const fix = count <= MAX_RETRIES ? `set ${RETRIES}=${count} or remove ${GAPS}` : `remove ${GAPS}`;
    return `${has}${why}: ${fix}`;
  }
  return `${has}: give ${plural(retries, "comma-separated gap")} in hours, ${example}`;
}

/** Gaps in hours, one per retry; `retries` is null when num_of_retries itself was invalid. */
export function parseGaps(text: string | undefined, retries: number | null, retriesGiven: boolean): FieldResult<number[]> {
  const items = text === undefined ? [] : text.split(",").map((item) => item.trim());
  const problems: ScheduleProblem[] = [];
  const gaps: number[] = [];
  items.forEach((item, index) => {
    const gap = parseGap(item, `${index + 1} of ${items.length}`);
    problems.push(...gap.problems);
    if (gap.value !== null) gaps.push(gap.value);
  });
  if (retries !== null && items.length !== retries) {
    problems.push({ parameter: GAPS, message: countProblem(items.length, retries, retriesGiven) });
  }
  return { value: problems.length === 0 ? gaps : [], problems };
}
