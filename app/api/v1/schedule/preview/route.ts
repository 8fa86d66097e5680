// GET /api/v1/schedule/preview?created_at=…&<schedule parameters> – when each attempt would be dialed if all fail
import { findAgent } from "@/lib/agents/queries";
import { db } from "@/lib/db";
import { withOrg } from "@/lib/http/route";
import { withAgentDefaults } from "@/lib/schedule/merge-defaults";
import { previewSchedule } from "@/lib/schedule/preview";

export const GET = withOrg(async ({ req, orgId }) => {
  const query = Object.fromEntries(new URL(req.url).searchParams);
  const org = await db.organization.findUniqueOrThrow({ where: { id: orgId }, select: { timezone: true } });
  // With agent_id, the preview shows what a webhook URL for that agent would do, defaults included.
  const agent = query.agent_id ? await findAgent(orgId, query.agent_id) : null;
  const merged = agent ? { ...query, ...withAgentDefaults(query, agent.scheduleDefaults as Record<string, string>) } : query;
  return Response.json(previewSchedule(merged, agent?.timezone ?? org.timezone));
});
