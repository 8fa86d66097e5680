// GET /api/v1/lead-sync/people – the organisation's people (name and email) to choose whom a connector notifies on failure
import { withLeadSync } from "@/lib/lead-sync/access-route";
import { listPeople } from "@/lib/lead-sync/dashboard";

export const GET = withLeadSync(async ({ orgId }) => Response.json({ people: await listPeople(orgId) }));
