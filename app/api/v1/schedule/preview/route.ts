// GET /api/v1/schedule/preview?created_at=…&<schedule parameters>[&agent_id=…] – when each attempt would be dialed if all fail
import { findAgent } from "@/lib/agents/queries";
import { db } from "@/lib/db";
import { withOrg } from "@/lib/http/route";
import { previewSchedule } from "@/lib/schedule/preview";

export const GET = withOrg(async ({ req, orgId }) => {
  const query = Object.fromEntries(new URL(req.url).searchParams);
  const org = await db.organization.findUniqueOrThrow({ where: { id: orgId }, select: { timezone: true } });
  const agent = query.agent_id ? await findAgent(orgId, query.agent_id) : null;
  return Response.json(previewSchedule(query, agent, org));
});
