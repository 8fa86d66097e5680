import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { newSigningSecret, signWebhook, verifyWebhook } from "./signature";

// Fixed vectors from outside this module: the first is the Standard Webhooks / Svix reference vector, the second was
// computed with the `standardwebhooks` npm package (1.1.1) and is checked again below with node:crypto by hand.
const REFERENCE = {
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
};
const UNICODE = {
  secret: "whsec_dGVzdC1zZWNyZXQtZm9yLWxlYWRsaW5lLXZlY3RvcnM=",
  id: "evt_0123456789abcdefghij",
  timestamp: 1796450400,
  body: '{"type":"call.ended","note":"ünïcode ₹"}',
  signature: "v1,WH6uorLDOjV947dEn/cQQ68Vcz8H6Qb/EFAly13I+HY=",
};

const headersOf = (h: Record<string, string>) => new Headers(h);

describe("signWebhook", () => {
  it.each([
    ["the reference vector", REFERENCE],
    ["a body with non-ASCII characters (signed as UTF-8)", UNICODE],
  ])("matches %s", (_name, v) => {
    expect(signWebhook(v)).toEqual({
      "webhook-id": v.id,
      "webhook-timestamp": String(v.timestamp),
      "webhook-signature": v.signature,
    });
  });

  it("is HMAC-SHA256 keyed with the base64-decoded secret over id.timestamp.body", () => {
    const key = Buffer.from(UNICODE.secret.slice("whsec_".length), "base64");
    const byHand = createHmac("sha256", key)
      .update(Buffer.from(`${UNICODE.id}.${UNICODE.timestamp}.${UNICODE.body}`, "utf8"))
      .digest("base64");
    expect(signWebhook(UNICODE)["webhook-signature"]).toBe(`v1,${byHand}`);
  });

  it("makes 32-byte whsec_ secrets, a new one each time", () => {
    const a = newSigningSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(a.slice(6), "base64")).toHaveLength(32);
    expect(newSigningSecret()).not.toBe(a);
  });
});

describe("verifyWebhook", () => {
  const now = new Date(REFERENCE.timestamp * 1000);
  const good = { "webhook-id": REFERENCE.id, "webhook-timestamp": String(REFERENCE.timestamp), "webhook-signature": REFERENCE.signature };
  const verify = (headers: Record<string, string>, over: { body?: string; now?: Date; secret?: string } = {}) =>
    verifyWebhook({
      secret: over.secret ?? REFERENCE.secret,
      headers: headersOf(headers),
      body: over.body ?? REFERENCE.body,
      now: over.now ?? now,
    });

  it("accepts the reference post, and any v1 signature among several (a rotation)", () => {
    expect(verify(good)).toEqual({ ok: true });
    expect(verify({ ...good, "webhook-signature": `v1,bm90IHRoaXMgb25l ${REFERENCE.signature}` })).toEqual({ ok: true });
  });

  it.each([
    ["a changed body", { body: '{"test": 2432232315}' }, good, "no v1 signature matches"],
    ["another secret", { secret: UNICODE.secret }, good, "no v1 signature matches"],
    ["a changed id", {}, { ...good, "webhook-id": "msg_other" }, "no v1 signature matches"],
    [
      "another version's signature",
      {},
      { ...good, "webhook-signature": REFERENCE.signature.replace("v1,", "v2,") },
      "no v1 signature matches",
    ],
    [
      "a missing header",
      {},
      { "webhook-id": REFERENCE.id, "webhook-signature": REFERENCE.signature },
      "missing webhook-id, webhook-timestamp or webhook-signature",
    ],
    [
      "a timestamp in milliseconds",
      {},
      { ...good, "webhook-timestamp": `${REFERENCE.timestamp}000` },
      "webhook-timestamp is more than 300 s from now",
    ],
    ["a timestamp that is not a number", {}, { ...good, "webhook-timestamp": "soon" }, "webhook-timestamp is not whole seconds"],
    ["a post 301 s old", { now: new Date((REFERENCE.timestamp + 301) * 1000) }, good, "webhook-timestamp is more than 300 s from now"],
    [
      "a post 301 s in the future",
      { now: new Date((REFERENCE.timestamp - 301) * 1000) },
      good,
      "webhook-timestamp is more than 300 s from now",
    ],
  ])("refuses %s", (_name, over, headers, reason) => {
    expect(verify(headers, over)).toEqual({ ok: false, reason });
  });

  it("accepts a post exactly at the 300 s tolerance", () => {
    expect(verify(good, { now: new Date((REFERENCE.timestamp + 300) * 1000) })).toEqual({ ok: true });
  });
});
