import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decodeSignedUri, hubSpotSignatureV1, hubSpotSignatureV2, verifyHubSpotSignature } from "./signature";

const SECRET = "yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy";
const URL_SIGNED = "https://leadline.example.com/api/call/crm-webhook?agent_id=agt_1&type=hubspot&gap_between_retries=2,4,6";
const BODY =
  '[{"eventId":1860012345,"subscriptionId":2891034,"portalId":48211234,"appId":4021977,"occurredAt":1763800000123,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":90512345678,"changeFlag":"CREATED","changeSource":"CRM_UI","sourceId":"userId:7712"}]';
const NOW = new Date("2026-11-22T08:26:40.500Z");
const SIGNED_AT = String(NOW.getTime() - 2_000);

/** Signs the way HubSpot does, independently of the module under test. */
function sign(parts: { method?: string; uri?: string; body?: string; timestamp?: string; secret?: string }): string {
  const { method = "POST", uri = URL_SIGNED, body = BODY, timestamp = SIGNED_AT, secret = SECRET } = parts;
  return createHmac("sha256", secret)
    .update(method + uri + body + timestamp)
    .digest("base64");
}

function headers(entries: Record<string, string>): Headers {
  return new Headers({ "content-type": "application/json", ...entries });
}

const base = { method: "POST", url: URL_SIGNED, rawBody: BODY, clientSecret: SECRET, now: NOW };

describe("verifyHubSpotSignature v3", () => {
  it("accepts a valid signature", () => {
    const h = headers({ "X-HubSpot-Signature-v3": sign({}), "X-HubSpot-Request-Timestamp": SIGNED_AT });
    expect(verifyHubSpotSignature({ ...base, headers: h })).toEqual({ ok: true, version: "v3" });
  });

  it.each([
    { rule: "4m59s old", offset: -299_000, ok: true },
    { rule: "exactly 5 minutes old", offset: -300_000, ok: true },
    { rule: "5 minutes and 1 ms old", offset: -300_001, ok: false },
    { rule: "1 hour old", offset: -3_600_000, ok: false },
    { rule: "4 minutes ahead (clock skew)", offset: 240_000, ok: true },
    { rule: "10 minutes ahead", offset: 600_000, ok: false },
  ])("timestamp $rule → ok=$ok", ({ offset, ok }) => {
    const timestamp = String(NOW.getTime() + offset);
    const h = headers({ "X-HubSpot-Signature-v3": sign({ timestamp }), "X-HubSpot-Request-Timestamp": timestamp });
    expect(verifyHubSpotSignature({ ...base, headers: h }).ok).toBe(ok);
  });

  it("explains an expired or future timestamp", () => {
    const ahead = String(NOW.getTime() + 600_500);
    const early = headers({ "X-HubSpot-Signature-v3": sign({ timestamp: ahead }), "X-HubSpot-Request-Timestamp": ahead });
    expect(verifyHubSpotSignature({ ...base, headers: early })).toEqual({
      ok: false,
      code: "stale_timestamp",
      reason:
        "The request's timestamp is 600 seconds in the future; HubSpot signatures are accepted for 300 seconds (check the server clock)",
    });
    const timestamp = String(NOW.getTime() - 3_600_000);
    const h = headers({ "X-HubSpot-Signature-v3": sign({ timestamp }), "X-HubSpot-Request-Timestamp": timestamp });
    expect(verifyHubSpotSignature({ ...base, headers: h })).toEqual({
      ok: false,
      code: "stale_timestamp",
      reason: "The request's timestamp is 3600 seconds old; HubSpot signatures are accepted for 300 seconds (check the server clock)",
    });
  });

  const mismatch = {
    ok: false,
    code: "mismatch",
    reason:
      "X-HubSpot-Signature-v3 does not match this request: check the app's client secret in Leadline, and that HubSpot calls exactly the URL Leadline shows (https, host, path and query order)",
  };
  it.each([
    { rule: "tampered body", input: { rawBody: BODY.replace("90512345678", "90512345679") }, signature: sign({}) },
    { rule: "wrong secret", input: {}, signature: sign({ secret: "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz" }) },
    { rule: "other method", input: { method: "PUT" }, signature: sign({}) },
    { rule: "http instead of https", input: { url: URL_SIGNED.replace("https:", "http:") }, signature: sign({}) },
    {
      rule: "query reordered",
      input: { url: "https://leadline.example.com/api/call/crm-webhook?type=hubspot&agent_id=agt_1&gap_between_retries=2,4,6" },
      signature: sign({}),
    },
    { rule: "signature of another timestamp", input: {}, signature: sign({ timestamp: String(NOW.getTime()) }) },
    { rule: "garbage signature", input: {}, signature: "not base64 at all!" },
    { rule: "truncated signature", input: {}, signature: sign({}).slice(0, 20) },
  ])("rejects a forged request: $rule", ({ input, signature }) => {
    const h = headers({ "X-HubSpot-Signature-v3": signature, "X-HubSpot-Request-Timestamp": SIGNED_AT });
    expect(verifyHubSpotSignature({ ...base, ...input, headers: h })).toEqual(mismatch);
  });

  it("accepts a URI signed with HubSpot's decoded characters when ours arrives encoded", () => {
    const encoded =
      "https://leadline.example.com/api/call/crm-webhook?agent_id=agt_1&type=hubspot&gap_between_retries=2%2C4%2C6&min_trigger_time=09%3A00";
    const decoded =
      "https://leadline.example.com/api/call/crm-webhook?agent_id=agt_1&type=hubspot&gap_between_retries=2,4,6&min_trigger_time=09:00";
    const h = headers({ "X-HubSpot-Signature-v3": sign({ uri: decoded }), "X-HubSpot-Request-Timestamp": SIGNED_AT });
    expect(verifyHubSpotSignature({ ...base, url: encoded, headers: h })).toEqual({ ok: true, version: "v3" });
  });

  it("accepts a URI signed exactly as sent", () => {
    const encoded = "https://leadline.example.com/api/call/crm-webhook?agent_id=agt_1&type=hubspot&gap_between_retries=2%2C4%2C6";
    const h = headers({ "X-HubSpot-Signature-v3": sign({ uri: encoded }), "X-HubSpot-Request-Timestamp": SIGNED_AT });
    expect(verifyHubSpotSignature({ ...base, url: encoded, headers: h })).toEqual({ ok: true, version: "v3" });
  });

  it("accepts a signature whose '+' a proxy turned into a space", () => {
    // Find a timestamp whose signature contains a "+", then send it with spaces.
    let timestamp = Number(SIGNED_AT);
    while (!sign({ timestamp: String(timestamp) }).includes("+")) timestamp -= 1;
    const spaced = sign({ timestamp: String(timestamp) }).replace(/\+/g, " ");
    const h = headers({ "X-HubSpot-Signature-v3": spaced, "X-HubSpot-Request-Timestamp": String(timestamp) });
    expect(verifyHubSpotSignature({ ...base, headers: h })).toEqual({ ok: true, version: "v3" });
  });

  it.each<{ rule: string; h: Record<string, string>; code: string; reason: string }>([
    {
      rule: "no signature header",
      h: {},
      code: "missing_signature",
      reason:
        "The request has no X-HubSpot-Signature-v3 header; HubSpot signs every webhook, so it did not come from HubSpot or a proxy removed the header",
    },
    {
      rule: "no timestamp header",
      h: { "X-HubSpot-Signature-v3": sign({}) },
      code: "missing_timestamp",
      reason: "The request has X-HubSpot-Signature-v3 but no X-HubSpot-Request-Timestamp header",
    },
    {
      rule: "timestamp not a number",
      h: { "X-HubSpot-Signature-v3": sign({}), "X-HubSpot-Request-Timestamp": "2026-11-22T08:26:40Z" },
      code: "bad_timestamp",
      reason: 'X-HubSpot-Request-Timestamp "2026-11-22T08:26:40Z" is not epoch milliseconds',
    },
    {
      rule: "only a v1 signature while legacy is off",
      h: { "X-HubSpot-Signature": hubSpotSignatureV1({ clientSecret: SECRET, rawBody: BODY }), "X-HubSpot-Signature-Version": "v1" },
      code: "missing_signature",
      reason:
        "The request has no X-HubSpot-Signature-v3 header; HubSpot signs every webhook, so it did not come from HubSpot or a proxy removed the header",
    },
  ])("rejects $rule", ({ h, code, reason }) => {
    expect(verifyHubSpotSignature({ ...base, headers: headers(h) })).toEqual({ ok: false, code, reason });
  });

  it("uses v3 even when a valid v1 signature is present", () => {
    const h = headers({
      "X-HubSpot-Signature-v3": "AAAA",
      "X-HubSpot-Request-Timestamp": SIGNED_AT,
      "X-HubSpot-Signature": hubSpotSignatureV1({ clientSecret: SECRET, rawBody: BODY }),
      "X-HubSpot-Signature-Version": "v1",
    });
    expect(verifyHubSpotSignature({ ...base, headers: h, allowLegacy: true })).toEqual(mismatch);
  });
});

describe("legacy v1/v2 signatures (HubSpot's published test vectors)", () => {
  const V1_BODY =
    '[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]';

  it("computes the v1 vector", () => {
    expect(hubSpotSignatureV1({ clientSecret: SECRET, rawBody: V1_BODY })).toBe(
      "232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de",
    );
  });

  it("computes the v2 vector", () => {
    expect(hubSpotSignatureV2({ clientSecret: SECRET, method: "GET", uri: "https://www.example.com/webhook_uri", rawBody: "" })).toBe(
      "eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e",
    );
  });

  it.each([
    {
      version: "v1",
      signature: "232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de",
      body: V1_BODY,
      method: "POST",
      url: URL_SIGNED,
      ok: true,
    },
    {
      version: "v1",
      signature: "232DB2615F3D666FE21A8EC971AC7B5402D33B9A925784DF3CA654D05F4817DE",
      body: V1_BODY,
      method: "POST",
      url: URL_SIGNED,
      ok: true,
    },
    {
      version: "v1",
      signature: "232db2615f3d666fe21a8ec971ac7b5402d33b9a925784df3ca654d05f4817de",
      body: V1_BODY.replace("123", "124"),
      method: "POST",
      url: URL_SIGNED,
      ok: false,
    },
    {
      version: "v2",
      signature: "eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e",
      body: "",
      method: "GET",
      url: "https://www.example.com/webhook_uri",
      ok: true,
    },
    {
      version: "v2",
      signature: "eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e",
      body: "",
      method: "GET",
      url: "https://www.example.com/other",
      ok: false,
    },
  ])("with allowLegacy, $version ok=$ok", ({ version, signature, body, method, url, ok }) => {
    const h = headers({ "X-HubSpot-Signature": signature, "X-HubSpot-Signature-Version": version });
    const result = verifyHubSpotSignature({ ...base, method, url, rawBody: body, headers: h, allowLegacy: true });
    expect(result.ok).toBe(ok);
    if (ok) expect(result).toEqual({ ok: true, version });
  });

  it("rejects an unknown legacy version", () => {
    const h = headers({ "X-HubSpot-Signature": "abc", "X-HubSpot-Signature-Version": "v9" });
    expect(verifyHubSpotSignature({ ...base, headers: h, allowLegacy: true })).toEqual({
      ok: false,
      code: "unknown_version",
      reason: 'X-HubSpot-Signature-Version "v9" is not v1, v2 or v3',
    });
  });
});

describe("decodeSignedUri", () => {
  it("decodes exactly HubSpot's twelve characters, either case", () => {
    expect(decodeSignedUri("https://x.test/a%3Ab%2Fc%3Fd%40e%21f%24g%27h%28i%29j%2Ak%2cl%3bm%20n%26o%3Dp%25q")).toBe(
      "https://x.test/a:b/c?d@e!f$g'h(i)j*k,l;m%20n%26o%3Dp%25q",
    );
  });
});
