import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/** HubSpot's own limit: a v3 signature older than five minutes is a possible replay. */
export const MAX_SIGNATURE_AGE_MS = 300_000;

// HubSpot signs the URI with these characters decoded; every other escape stays as sent.
const DECODED_IN_URI: Record<string, string> = {
  "%3A": ":",
  "%2F": "/",
  "%3F": "?",
  "%40": "@",
  "%21": "!",
  "%24": "$",
  "%27": "'",
  "%28": "(",
  "%29": ")",
  "%2A": "*",
  "%2C": ",",
  "%3B": ";",
};

export type HubSpotSignatureFailure =
  "missing_signature" | "missing_timestamp" | "bad_timestamp" | "stale_timestamp" | "unknown_version" | "mismatch";

export type HubSpotSignatureResult =
  { ok: true; version: "v3" | "v2" | "v1" } | { ok: false; code: HubSpotSignatureFailure; reason: string };

export type HubSpotSignatureInput = {
  method: string;
  /** The URL HubSpot called, as configured in the app: protocol, host, path and query in their original order. */
  url: string;
  rawBody: string;
  headers: Headers;
  clientSecret: string;
  now: Date;
  /**
   * Accept v1/v2 when v3 is absent. Off by default: HubSpot sends v3 on every request, and v1/v2 carry no
   * timestamp, so a request stripped of its v3 header could be replayed.
   */
  allowLegacy?: boolean;
};

export function decodeSignedUri(uri: string): string {
  return uri.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (match) => DECODED_IN_URI[match.toUpperCase()] ?? match);
}

function sameBytes(expected: Buffer, received: Buffer): boolean {
  return expected.length === received.length && timingSafeEqual(expected, received);
}

function fail(code: HubSpotSignatureFailure, reason: string): HubSpotSignatureResult {
  return { ok: false, code, reason };
}

const MISMATCH =
  "does not match this request: check the app's client secret in Leadline, and that HubSpot calls exactly the URL Leadline shows (https, host, path and query order)";

export function hubSpotSignatureV3(input: {
  clientSecret: string;
  method: string;
  uri: string;
  rawBody: string;
  timestamp: string;
}): string {
  const source = `${input.method.toUpperCase()}${input.uri}${input.rawBody}${input.timestamp}`;
  return createHmac("sha256", input.clientSecret).update(source, "utf8").digest("base64");
}

export function hubSpotSignatureV1(input: { clientSecret: string; rawBody: string }): string {
  return createHash("sha256").update(`${input.clientSecret}${input.rawBody}`, "utf8").digest("hex");
}

export function hubSpotSignatureV2(input: { clientSecret: string; method: string; uri: string; rawBody: string }): string {
  const source = `${input.clientSecret}${input.method.toUpperCase()}${input.uri}${input.rawBody}`;
  return createHash("sha256").update(source, "utf8").digest("hex");
}

function verifyV3(input: HubSpotSignatureInput, signature: string): HubSpotSignatureResult {
  const timestamp = input.headers.get("x-hubspot-request-timestamp")?.trim();
  if (!timestamp) return fail("missing_timestamp", "The request has X-HubSpot-Signature-v3 but no X-HubSpot-Request-Timestamp header");
  if (!/^\d{1,16}$/.test(timestamp)) {
    return fail("bad_timestamp", `X-HubSpot-Request-Timestamp ${JSON.stringify(timestamp)} is not epoch milliseconds`);
  }
  const age = input.now.getTime() - Number(timestamp);
  if (Math.abs(age) > MAX_SIGNATURE_AGE_MS) {
    const seconds = Math.floor(Math.abs(age) / 1000);
    const when = age > 0 ? `${seconds} seconds old` : `${seconds} seconds in the future`;
    return fail(
      "stale_timestamp",
      `The request's timestamp is ${when}; HubSpot signatures are accepted for 300 seconds (check the server clock)`,
    );
  }
  // Some proxies turn the base64 "+" into a space.
  const received = Buffer.from(signature.trim().replace(/ /g, "+"), "base64");
  const uris = new Set([input.url, decodeSignedUri(input.url)]);
  for (const uri of uris) {
    const expected = Buffer.from(hubSpotSignatureV3({ ...input, uri, timestamp }), "base64");
    if (sameBytes(expected, received)) return { ok: true, version: "v3" };
  }
  return fail("mismatch", `X-HubSpot-Signature-v3 ${MISMATCH}`);
}

function verifyLegacy(input: HubSpotSignatureInput, signature: string): HubSpotSignatureResult {
  const version = (input.headers.get("x-hubspot-signature-version") ?? "v1").trim().toLowerCase();
  if (version !== "v1" && version !== "v2") {
    return fail("unknown_version", `X-HubSpot-Signature-Version ${JSON.stringify(version)} is not v1, v2 or v3`);
  }
  const expected = version === "v1" ? hubSpotSignatureV1(input) : hubSpotSignatureV2({ ...input, uri: input.url });
  const received = /^[0-9a-f]+$/i.test(signature.trim()) ? Buffer.from(signature.trim(), "hex") : Buffer.alloc(0);
  if (sameBytes(Buffer.from(expected, "hex"), received)) return { ok: true, version };
  return fail("mismatch", `X-HubSpot-Signature (${version}) ${MISMATCH}`);
}

/** Verifies that a webhook request was signed by HubSpot with the app's client secret. Comparisons are constant-time. */
export function verifyHubSpotSignature(input: HubSpotSignatureInput): HubSpotSignatureResult {
  const v3 = input.headers.get("x-hubspot-signature-v3");
  if (v3) return verifyV3(input, v3);
  const legacy = input.headers.get("x-hubspot-signature");
  if (legacy && input.allowLegacy) return verifyLegacy(input, legacy);
  return fail(
    "missing_signature",
    "The request has no X-HubSpot-Signature-v3 header; HubSpot signs every webhook, so it did not come from HubSpot or a proxy removed the header",
  );
}
