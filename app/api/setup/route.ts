// POST /api/setup – first run: create the organisation and its first admin (refused once done)
import { readJson } from "@/lib/http/body";
import { withErrors } from "@/lib/http/route";
import { createOrganizationWithAdmin } from "@/lib/orgs/queries";
import { setupSchema } from "@/lib/orgs/schema";

export const POST = withErrors(async (req) => {
  const input = setupSchema.parse(await readJson(req));
  const { organization, user } = await createOrganizationWithAdmin(input, { firstRun: true });
  return Response.json(
    { organization: { id: organization.id, name: organization.name }, user: { id: user.id, email: user.email } },
    { status: 201 },
  );
});
