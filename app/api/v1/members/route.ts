// GET|POST /api/v1/members – the organisation's people; admins add members or admins
import { readJson } from "@/lib/http/body";
import { withOrg } from "@/lib/http/route";
import { createMember, listMembers } from "@/lib/orgs/queries";
import { createMemberSchema } from "@/lib/orgs/schema";

const access = { via: ["session" as const], adminOnly: true };

export const GET = withOrg(async ({ orgId }) => Response.json({ members: await listMembers(orgId) }), access);

export const POST = withOrg(async ({ req, orgId }) => {
  const member = await createMember(orgId, createMemberSchema.parse(await readJson(req)));
  return Response.json({ member }, { status: 201 });
}, access);
