// POST /api/call/status/:provider?agent_id=… – a voice provider reports how a call ended (verified per agent)
import { handleStatusWebhook } from "@/lib/calls/status-webhook";
import { readRawBody } from "@/lib/http/body";
import { withErrors } from "@/lib/http/route";

export const POST = withErrors(async (req, ctx) => {
  const { provider } = await ctx.params;
  const rawBody = await readRawBody(req);
  return Response.json(await handleStatusWebhook(provider!, new URL(req.url), req.headers, rawBody));
});
