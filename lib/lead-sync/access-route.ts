import "server-only";
import { forbidden } from "next/navigation";
import { requireUser, type SessionUser } from "@/lib/auth/session";
import { withOrg, type Caller } from "@/lib/http/route";
import { assertCanManageLeadSync, canManageLeadSync } from "./access";

type Handler = Parameters<typeof withOrg>[0];

/**
 * A Lead Sync route: signed-in people need Lead Sync access (admins always; others by the organisation's rule), and
 * API keys pass, since only admins create them.
 */
export function withLeadSync(handler: Handler) {
  return withOrg(async (input) => {
    await assertAccess(input.caller);
    return handler(input);
  });
}

async function assertAccess(caller: Caller) {
  if (caller.via === "session") await assertCanManageLeadSync(caller.orgId, caller.user);
}

/** For Lead Sync pages: sign-in as usual, then the 403 page (which says how to get access) for people without it. */
export async function requireLeadSyncUser(): Promise<SessionUser> {
  const user = await requireUser();
  if (!(await canManageLeadSync(user.orgId, user))) forbidden();
  return user;
}
