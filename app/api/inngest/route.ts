// GET|POST|PUT /api/inngest – Inngest's endpoint for syncing and running Leadline's durable functions
import { serve } from "inngest/next";
import { inngest } from "@/inngest/client";
import { functions } from "@/inngest";
import { env, jobDriverName } from "@/lib/env";
import { errorResponse } from "@/lib/http/errors";

const served = serve({ client: inngest, functions });

// Without Inngest's keys the SDK answers 500; a server running the embedded driver has no Inngest endpoint to offer.
function whenConfigured<A extends unknown[]>(handler: (...args: A) => Promise<Response> | Response) {
  return (...args: A) =>
    jobDriverName(env()) === "inngest"
      ? handler(...args)
      : errorResponse(
          404,
          "inngest_not_configured",
          "Inngest is not configured on this server, which runs calls with its embedded driver. Set INNGEST_EVENT_KEY or INNGEST_BASE_URL to use Inngest.",
        );
}

export const GET = whenConfigured(served.GET);
export const POST = whenConfigured(served.POST);
export const PUT = whenConfigured(served.PUT);
