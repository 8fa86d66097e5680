// GET|POST /api/v1/calls – list calls (filters, cursor pages); place a call directly (Idempotency-Key makes a repeat harmless)
import { createCall, listCalls } from "@/lib/calls/queries";
import { createCallSchema, listCallsQuerySchema } from "@/lib/calls/schema";
import { readJson } from "@/lib/http/body";
import { withOrg } from "@/lib/http/route";

export const GET = withOrg(async ({ req, orgId }) => {
  const query = listCallsQuerySchema.parse(Object.fromEntries(new URL(req.url).searchParams));
  return Response.json(await listCalls(orgId, query));
});

export const POST = withOrg(
  async ({ req, orgId }) => {
    const input = createCallSchema.parse(await readJson(req));
    const { call, replayed } = await createCall(orgId, input, req.headers.get("idempotency-key")?.trim() || null);
    return Response.json({ call }, { status: replayed ? 200 : 201 });
  },
  { adminOnly: true },
);
