// GET|POST /api/v1/lead-sync/notices – your unseen Lead Sync failure notices; POST {ids} marks them seen
import { ApiError } from "@/lib/http/errors";
import { readJson } from "@/lib/http/body";
import { withOrg, type Caller } from "@/lib/http/route";
import { dismissNoticesSchema } from "@/lib/lead-sync/dashboard-schema";
import { dismissNotices, listNotices } from "@/lib/lead-sync/notices";

// Notices belong to a person, so only a signed-in one has any; they stay readable after their Lead Sync access ends.
const personOf = (caller: Caller) => {
  if (caller.via !== "session") throw new ApiError(401, "unauthenticated", "Notices belong to a person: sign in to read them.");
  return caller.user.id;
};

export const GET = withOrg(async ({ orgId, caller }) => Response.json({ notices: await listNotices(orgId, personOf(caller)) }), {
  via: ["session"],
});

export const POST = withOrg(
  async ({ req, orgId, caller }) => {
    const { ids } = dismissNoticesSchema.parse(await readJson(req));
    return Response.json({ dismissed: await dismissNotices(orgId, personOf(caller), ids) });
  },
  { via: ["session"] },
);
