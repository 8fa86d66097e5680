import { ApiError } from "@/lib/http/errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Why a request that changes state may not come from this browser context, or null when it may. */
export function crossSiteReason(input: { method: string; headers: Headers; publicOrigin: string }): string | null {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return null;
  const origin = input.headers.get("origin");
  if (origin !== null) return origin === input.publicOrigin ? null : `it came from ${origin}`;
  // Browsers send Origin on every non-GET fetch and form post; Sec-Fetch-Site covers the odd one that does not.
  // "same-site" is not enough: another port on the same host is the same site.
  const site = input.headers.get("sec-fetch-site");
  if (site !== null) return site === "same-origin" ? null : `it came from another site (Sec-Fetch-Site: ${site})`;
  return "it carried neither an Origin nor a Sec-Fetch-Site header";
}

/**
 * Refuses a state change that a page on another origin could have made with the visitor's cookies.
 * Scripts that send a session cookie must send `Origin` too (or use an API key, which no other site can send).
 */
export function assertSameOrigin(req: Request, publicUrl: string, options: { allowHeaderless?: boolean } = {}) {
  const publicOrigin = new URL(publicUrl).origin;
  const reason = crossSiteReason({ method: req.method, headers: req.headers, publicOrigin });
  const headerless = !req.headers.has("origin") && !req.headers.has("sec-fetch-site");
  if (reason && !(options.allowHeaderless && headerless)) {
    throw new ApiError(
      403,
      "cross_site_request",
      `Refused: ${reason}; changes with a signed-in session are accepted only from ${publicOrigin}. Open Leadline at that address (LEADLINE_PUBLIC_URL), or call the API with an X-API-KEY header.`,
    );
  }
}
