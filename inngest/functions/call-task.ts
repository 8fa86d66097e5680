import { NonRetriableError, RetryAfterError, type Inngest } from "inngest";
import { resolveLeads } from "@/lib/calls/resolve";
import { dialAttempt, planAttempt, settleAttempt, type StepDeps } from "@/lib/calls/steps";
import { ProviderError } from "@/lib/providers/voice/port";
import { callAttemptEnded, callTaskCancelled, callTaskCreated } from "../client";

// 11 attempts at most, plus room for waits at an agent's concurrency cap and early settles.
const MAX_ROUNDS = 200;

/** One durable run per call task: sleep to the planned time, dial, wait for the report, settle, repeat. */
export function createCallTaskFunction(inngest: Inngest, deps: () => StepDeps) {
  return inngest.createFunction(
    {
      id: "call-task",
      triggers: [callTaskCreated],
      cancelOn: [{ event: callTaskCancelled, if: "async.data.taskId == event.data.taskId" }],
      // Caps concurrently running steps per agent; the cap on live calls is enforced in Postgres by dialAttempt.
      concurrency: [{ key: "event.data.agentId", limit: 10 }],
      retries: 8,
    },
    async ({ event, step }) => {
      const { taskId } = event.data;
      for (let round = 1; round <= MAX_ROUNDS; round++) {
        const plan = await step.run(`round-${round}-plan`, () => planAttempt(taskId));
        if (plan.kind === "finished") return plan;
        if (plan.kind === "resolve") {
          // Reads the lead from the CRM; its errors are retried by the step, then the plan is made again.
          await step.run(`round-${round}-resolve`, () => resolveLeads(deps(), taskId));
          continue;
        }
        let attempt = plan.attempt;
        if (plan.kind === "dial") {
          await step.sleepUntil(`round-${round}-wait`, plan.at);
          const dial = await step.run(`round-${round}-dial`, async () => {
            try {
              return await dialAttempt(deps(), taskId, plan.attempt);
            } catch (err) {
              // A 429/5xx is not a failed attempt: the same dial is tried again later.
              if (err instanceof ProviderError && err.transient)
                throw new RetryAfterError(err.message, err.retryAfterMs ?? 30_000, { cause: err });
              throw err;
            }
          });
          if (dial.kind === "not_due" || dial.kind === "stale") continue;
          if (dial.kind === "deferred") {
            await step.sleepUntil(`round-${round}-cap`, dial.until);
            continue;
          }
          attempt = dial.attempt;
          if (dial.kind === "dialed") {
            // Only a wake-up: settleAttempt reads the outcome from Postgres, where a report that came first is waiting.
            await step.waitForEvent(`round-${round}-ended`, {
              event: callAttemptEnded,
              timeout: deps().outcomeTimeoutMs,
              if: `async.data.taskId == event.data.taskId && async.data.attempt == ${attempt}`,
            });
          }
        }
        const settled = await step.run(`round-${round}-settle`, () => settleAttempt(deps(), taskId, attempt));
        if (settled.kind === "waiting") await step.sleepUntil(`round-${round}-settle-wait`, settled.until);
        if (settled.kind === "finished") return settled;
      }
      throw new NonRetriableError(`Call task ${taskId} needed more than ${MAX_ROUNDS} rounds`);
    },
  );
}
