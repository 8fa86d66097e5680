import { type FieldResult, invalid, quote, valid } from "./field-result";
import { checkTimeZone } from "./time-zone";
import { OUTCOMES, type Outcome, RETRYABLE_OUTCOMES, type ScheduleProblem } from "./types";

const CARRY_OVER = "carry_over";
const TIMEZONE = "timezone";
const RETRY_ON = "retry_on";

const TRUE_WORDS = new Set(["true", "1"]);
const FALSE_WORDS = new Set(["false", "0"]);

export function parseCarryOver(text: string | undefined): FieldResult<boolean> {
  if (text === undefined) return valid(false);
  const word = text.toLowerCase();
  if (TRUE_WORDS.has(word)) return valid(true);
  if (FALSE_WORDS.has(word)) return valid(false);
  return invalid(
    false,
    CARRY_OVER,
    `${CARRY_OVER} is ${quote(text)}, which is not true or false: use ${CARRY_OVER}=true to move calls that fall outside the window to its next start, or ${CARRY_OVER}=false to call at once (1 and 0 also work)`,
  );
}

export function parseTimezone(text: string | undefined): FieldResult<string | null> {
  if (text === undefined) return valid(null);
  const check = checkTimeZone(text);
  if (check.ok) return valid(check.zone);
  const given = `${TIMEZONE} is ${quote(text)}`;
  if (check.issue === "offset") {
    return invalid(
      null,
      TIMEZONE,
      `${given}, a fixed UTC offset rather than a zone name: use an IANA name such as Asia/Kolkata so daylight saving changes are followed`,
    );
  }
  return invalid(
    null,
    TIMEZONE,
    `${given}, which is not a known IANA time zone: use a name such as America/New_York, Europe/London or Asia/Kolkata`,
  );
}

function isOutcome(word: string): word is Outcome {
  return (OUTCOMES as readonly string[]).includes(word);
}

/** Narrows which outcomes are retried; the result is de-duplicated and in canonical order. */
export function parseRetryOn(text: string | undefined): FieldResult<Outcome[]> {
  if (text === undefined) return valid([...RETRYABLE_OUTCOMES]);
  const allowed = RETRYABLE_OUTCOMES.join(", ");
  const items = text.split(",").map((item) => item.trim());
  const problems: ScheduleProblem[] = [];
  const chosen = new Set<Outcome>();
  items.forEach((item, index) => {
    const word = item.toLowerCase();
    if (word === "") {
      problems.push({
        parameter: RETRY_ON,
        message: `${RETRY_ON} value ${index + 1} of ${items.length} is empty: remove the extra comma, e.g. no_answer,busy`,
      });
    } else if (word === "completed") {
      problems.push({
        parameter: RETRY_ON,
        message: `${RETRY_ON} includes completed, but a completed call already reached the lead and is never retried: remove completed and list only outcomes from ${allowed}`,
      });
    } else if (!isOutcome(word)) {
      problems.push({
        parameter: RETRY_ON,
        message: `${RETRY_ON} value ${quote(item)} is not a call outcome: use a comma-separated list of ${allowed}, e.g. no_answer,busy`,
      });
    } else {
      chosen.add(word);
    }
  });
  if (problems.length > 0) return { value: [...RETRYABLE_OUTCOMES], problems };
  return valid(RETRYABLE_OUTCOMES.filter((outcome) => chosen.has(outcome)));
}
