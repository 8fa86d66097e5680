import { stepDeps } from "@/lib/calls/runtime";
import { inngest } from "./client";
import { createCallTaskFunction } from "./functions/call-task";

export const callTask = createCallTaskFunction(inngest, stepDeps);

/** Everything served at /api/inngest. */
export const functions = [callTask];
