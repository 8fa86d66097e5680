import "server-only";
import { beginAttempt, clientAddress, throttleSubjects } from "@/lib/auth/throttle";
import { env } from "@/lib/env";
import { smallJson } from "@/lib/http/small-json";

type Handler = (req: Request, ctx: unknown) => Promise<Response>;

/** The answer to a throttled attempt: 429 with Retry-After, in the one error shape. */
export function tooManyAttempts(retryAfterSeconds: number, extra: Record<string, unknown> = {}): Response {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  const message = `Too many failed attempts for this email or from this address. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
  const res = smallJson({ ...extra, error: { code: "too_many_attempts", message, retryAfterSeconds } }, { status: 429 });
  res.headers.set("Retry-After", String(retryAfterSeconds));
  return res;
}

/**
 * Wraps next-auth's handler so a credentials sign-in is throttled before the password is checked. next-auth's client
 * reads `url`'s `error` parameter, so the wait travels there as `too_many_attempts:<seconds>` for the login form.
 */
export function withSignInThrottle(handler: Handler): Handler {
  return async (req, ctx) => {
    if (req.method !== "POST" || !new URL(req.url).pathname.endsWith("/callback/credentials")) return handler(req, ctx);
    const form = new URLSearchParams(await req.clone().text());
    const subjects = throttleSubjects({ email: form.get("email"), address: clientAddress(req.headers) });
    const attempt = await beginAttempt("sign_in", subjects);
    if ("retryAfterSeconds" in attempt) {
      const url = new URL("/login", env().LEADLINE_PUBLIC_URL);
      url.searchParams.set("error", `too_many_attempts:${attempt.retryAfterSeconds}`);
      return tooManyAttempts(attempt.retryAfterSeconds, { url: url.toString() });
    }
    const res = await handler(req, ctx);
    // next-auth answers a wrong password 401 and a good one with a session cookie; anything else checked no password.
    const signedIn = res.headers.getSetCookie().some((c) => /next-auth\.session-token=/.test(c));
    await attempt.release(res.status === 401 ? "failed" : signedIn ? "succeeded" : "void");
    return res;
  };
}
