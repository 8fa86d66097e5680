// POST /api/setup – first run: create the organisation and its first admin (refused once done)
import { beginAttempt, clientAddress, throttleSubjects } from "@/lib/auth/throttle";
import { tooManyAttempts } from "@/lib/auth/throttled-sign-in";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/http/errors";
import { readJson } from "@/lib/http/body";
import { withErrors } from "@/lib/http/route";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { createOrganizationWithAdmin, isSetUp } from "@/lib/orgs/queries";
import { setupSchema } from "@/lib/orgs/schema";

export const POST = withErrors(async (req) => {
  // No cookie is involved, so a script without Origin may set up; a page on another origin may not.
  assertSameOrigin(req, env().LEADLINE_PUBLIC_URL, { allowHeaderless: true });
  const body = await readJson(req);
  const email = typeof body === "object" && body && "email" in body && typeof body.email === "string" ? body.email : null;
  const attempt = await beginAttempt("setup", throttleSubjects({ email, address: clientAddress(req.headers) }));
  if ("retryAfterSeconds" in attempt) return tooManyAttempts(attempt.retryAfterSeconds);
  let created = false;
  try {
    const input = setupSchema.parse(body);
    // Once set up, every email gets this same answer, before anything is looked up or hashed.
    if (await isSetUp()) throw new ApiError(409, "already_set_up", "Leadline is already set up. Sign in instead.");
    const { organization, user } = await createOrganizationWithAdmin(input, { firstRun: true });
    created = true;
    return Response.json(
      { organization: { id: organization.id, name: organization.name }, user: { id: user.id, email: user.email } },
      { status: 201 },
    );
  } finally {
    await attempt.release(created ? "succeeded" : "failed");
  }
});
