// DELETE /api/v1/members/:memberId – an admin removes another person from the organisation
import { ApiError } from "@/lib/http/errors";
import { withOrg } from "@/lib/http/route";
import { removeMember } from "@/lib/orgs/remove-member";

export const DELETE = withOrg(
  async ({ caller, orgId, params }) => {
    if (caller.via !== "session") throw new ApiError(401, "unauthenticated", "Sign in to continue.");
    const member = await removeMember({ orgId, memberId: params.memberId!, actorId: caller.user.id });
    return Response.json({ member });
  },
  { via: ["session"], adminOnly: true },
);
