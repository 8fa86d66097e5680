import { stepDeps } from "@/lib/calls/runtime";
import { inngestDriver } from "@/lib/jobs/inngest-driver";
import { inngest } from "./client";
import { createCallTaskFunction } from "./functions/call-task";
import { createWakeupRelayFunction } from "./functions/relay-wakeups";

export const callTask = createCallTaskFunction(inngest, stepDeps);
export const relayWakeups = createWakeupRelayFunction(inngest, () => inngestDriver);

/** Everything served at /api/inngest. */
export const functions = [callTask, relayWakeups];
