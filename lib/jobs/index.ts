import "server-only";
import { env, jobDriverName } from "@/lib/env";
import type { JobDriver } from "@/lib/jobs/driver";
import { embeddedDriver } from "@/lib/jobs/embedded-queue";
import { inngestDriver } from "@/lib/jobs/inngest-driver";

export function jobDriver(): JobDriver {
  return jobDriverName(env()) === "inngest" ? inngestDriver : embeddedDriver;
}
