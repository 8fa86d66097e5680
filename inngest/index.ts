import { engineDeps } from "@/lib/webhook/engine-deps";
import { inngest } from "./client";
import { inngestDriver } from "./driver";
import { createCallTaskFunction } from "./functions/call-task";
import { createDrainWritesFunction } from "./functions/drain-writes";
import { createWakeupRelayFunction } from "./functions/relay-wakeups";

export const callTask = createCallTaskFunction(inngest, engineDeps);
export const relayWakeups = createWakeupRelayFunction(inngest, () => inngestDriver, engineDeps);
export const drainCrmWrites = createDrainWritesFunction(inngest);

/** Everything served at /api/inngest. */
export const functions = [callTask, relayWakeups, drainCrmWrites];
