// GET /api/v1/me – who an API key belongs to: its organisation and name
import { db } from "@/lib/db";
import { withOrg } from "@/lib/http/route";

export const GET = withOrg(
  async ({ caller, orgId }) => {
    const organization = await db.organization.findUniqueOrThrow({
      where: { id: orgId },
      select: { id: true, name: true, timezone: true, defaultCountryCode: true },
    });
    return Response.json({ organization, apiKey: caller.via === "api_key" ? { id: caller.keyId, name: caller.keyName } : null });
  },
  { via: ["api_key", "session"] },
);
