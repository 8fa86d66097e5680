import "server-only";
import { authenticateApiKey, missingApiKeyError } from "@/lib/api-keys/queries";
import { currentUser, type SessionUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { ApiError, toErrorResponse } from "@/lib/http/errors";
import { assertSameOrigin } from "@/lib/http/same-origin";

export type Caller =
  { via: "session"; orgId: string; user: SessionUser } | { via: "api_key"; orgId: string; keyId: string; keyName: string };

type RouteContext = { params: Promise<Record<string, string>> };
type Handler<C> = (input: C & { req: Request; params: Record<string, string> }) => Promise<Response>;

/** For endpoints without a signed-in caller: maps every thrown error to the one JSON error shape. */
export function withErrors(handler: (req: Request, ctx: RouteContext) => Promise<Response>) {
  return async (req: Request, ctx: RouteContext) => {
    try {
      return await handler(req, ctx);
    } catch (err) {
      return toErrorResponse(err);
    }
  };
}

type Access = {
  /** Who may call: a dashboard session, an API key (X-API-KEY), or both (default). */
  via?: Array<Caller["via"]>;
  /** Admin-only endpoints: members get 403; API keys count as admin, since only admins create them. */
  adminOnly?: boolean;
};

async function resolveCaller(req: Request, access: Access): Promise<Caller> {
  const via = access.via ?? ["session", "api_key"];
  const presented = req.headers.get("x-api-key");
  if (presented !== null && via.includes("api_key")) {
    const key = await authenticateApiKey(presented);
    return { via: "api_key", orgId: key.orgId, keyId: key.keyId, keyName: key.keyName };
  }
  const user = via.includes("session") ? await currentUser() : null;
  if (user) {
    // A cookie rides along with any site's request; an X-API-KEY header cannot (it needs a CORS preflight we never allow).
    assertSameOrigin(req, env().LEADLINE_PUBLIC_URL);
    if (access.adminOnly && user.role !== "admin") {
      throw new ApiError(403, "forbidden", "Only admins can do this. Ask an admin of your organisation.");
    }
    return { via: "session", orgId: user.orgId, user };
  }
  if (!via.includes("api_key")) throw new ApiError(401, "unauthenticated", "Sign in to continue.");
  throw missingApiKeyError();
}

/** Authenticates the caller and hands the handler its organisation; every query below is scoped to it. */
export function withOrg(handler: Handler<{ caller: Caller; orgId: string }>, access: Access = {}) {
  return withErrors(async (req, ctx) => {
    const caller = await resolveCaller(req, access);
    const params = ctx?.params ? await ctx.params : {};
    return handler({ req, params, caller, orgId: caller.orgId });
  });
}
