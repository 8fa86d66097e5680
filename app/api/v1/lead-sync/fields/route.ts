// POST /api/v1/lead-sync/fields – both accounts' lead fields, read with the keys given (or stored), to pre-fill a mapping
import { readJson } from "@/lib/http/body";
import { withLeadSync } from "@/lib/lead-sync/access-route";
import { readFieldLists } from "@/lib/lead-sync/dashboard";
import { fieldListsInputSchema } from "@/lib/lead-sync/dashboard-schema";

export const POST = withLeadSync(async ({ req, orgId }) =>
  Response.json(await readFieldLists(orgId, fieldListsInputSchema.parse(await readJson(req)))),
);
