import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_STORED_BODY_BYTES, isSecretName, redactBody, redactFields, redactQuery } from "@/lib/redact";

describe("isSecretName", () => {
  it.each([
    ["x_api_key", true],
    ["X-API-KEY", true],
    ["apiKey", true],
    ["Authorization", true],
    ["Proxy-Authorization", true],
    ["Cookie", true],
    ["X-HubSpot-Signature", true],
    ["X-HubSpot-Signature-v3", true],
    ["x-LSQ-AccessKey", true],
    ["accessKey", true],
    ["secretKey", true],
    ["SecretKey", true],
    ["client_secret", true],
    ["Password", true],
    ["mx_Portal_Password", true],
    ["refresh_token", true],
    ["private-key", true],
    ["X-HubSpot-Signature-Version", false],
    ["X-HubSpot-Request-Timestamp", false],
    ["Phone", false],
    ["mx_Key_Account", false],
    ["agent_id", false],
    ["content-type", false],
  ])("%s → %s", (name, secret) => {
    expect(isSecretName(name)).toBe(secret);
  });
});

describe("redactQuery", () => {
  it.each([
    {
      rule: "CallKaro-style key in the query, everything else as sent",
      query: "agent_id=agt_1&type=leadsquared&x_api_key=ll_abc_secret&gap_between_retries=2,4,6&entityType=webhook",
      expected: { agent_id: "agt_1", type: "leadsquared", x_api_key: "[redacted]", gap_between_retries: "2,4,6", entityType: "webhook" },
    },
    {
      rule: "encoded and differently cased names",
      query: "X%5FAPI%5FKEY=k1&accessKey=a&SecretKey=s&min_trigger_time=09%3A00",
      expected: { X_API_KEY: "[redacted]", accessKey: "[redacted]", SecretKey: "[redacted]", min_trigger_time: "09:00" },
    },
    { rule: "repeated key", query: "x_api_key=a&x_api_key=b", expected: { x_api_key: "[redacted]" } },
    { rule: "flag without value", query: "debug&x_api_key=k&token=", expected: { debug: "", x_api_key: "[redacted]", token: "" } },
  ])("$rule", ({ query, expected }) => {
    expect(redactQuery(new URLSearchParams(query))).toEqual(expected);
  });
});

describe("redactBody", () => {
  it("stores a body without secrets byte for byte", () => {
    const raw = '{ "ProspectID": "a311900c",\n  "Phone": "+91-9876543210" }';
    expect(redactBody(raw)).toEqual({ body: raw, truncated: false, bytes: raw.length });
  });

  it("redacts secret fields at any depth in JSON", () => {
    const raw = JSON.stringify([
      { ProspectID: "a", mx_Portal_Password: "hunter2", nested: { accessKey: "AK", secretKey: "SK", list: [{ token: "t" }] } },
      { ProspectID: "b", password: null, api_token: "" },
    ]);
    const stored = redactBody(raw);
    expect(JSON.parse(stored.body)).toEqual([
      {
        ProspectID: "a",
        mx_Portal_Password: "[redacted]",
        nested: { accessKey: "[redacted]", secretKey: "[redacted]", list: [{ token: "[redacted]" }] },
      },
      { ProspectID: "b", password: null, api_token: "" },
    ]);
    expect(stored.truncated).toBe(false);
  });

  it("stores a nested body without secrets byte for byte, and redacts only the fields that are secret", () => {
    const clean = '[{"ProspectID":"a","tags":["x",{"k":1}],"n":null}]';
    expect(redactBody(clean).body).toBe(clean);
    const mixed = '{"a":{"b":[1,{"token":"t","c":2}]},"d":"e"}';
    expect(JSON.parse(redactBody(mixed).body)).toEqual({ a: { b: [1, { token: "[redacted]", c: 2 }] }, d: "e" });
  });

  it("redacts form pairs and keeps their encoding", () => {
    expect(redactBody("FirstName=Asha+Rao&Password=p%40ss&Phone=%2B91-9876543210").body).toBe(
      "FirstName=Asha+Rao&Password=[redacted]&Phone=%2B91-9876543210",
    );
  });

  it("redacts a form body that starts with & or whose first pair has no value", () => {
    expect(redactBody("&Password=p%40ss&Phone=1").body).toBe("&Password=[redacted]&Phone=1");
    expect(redactBody("flag&x_api_key=ll_k&Phone=1").body).toBe("flag&x_api_key=[redacted]&Phone=1");
  });

  it("redacts lead fields at any depth, and hands back the same object when there is nothing to hide", () => {
    const clean = { FirstName: "Asha", nested: { Phone: "1" } };
    expect(redactFields(clean)).toBe(clean);
    expect(redactFields({ FirstName: "Asha", Password: "p", extra: { x_api_key: "k", token: "" } })).toEqual({
      FirstName: "Asha",
      Password: "[redacted]",
      extra: { x_api_key: "[redacted]", token: "" },
    });
  });

  it("leaves text it cannot parse alone", () => {
    expect(redactBody("{not json password: x").body).toBe("{not json password: x");
    expect(redactBody("hello world").body).toBe("hello world");
  });

  it("caps a large body at 64 KB with a marker", () => {
    const raw = JSON.stringify({ ProspectID: "a", notes: "x".repeat(100_000) });
    const stored = redactBody(raw);
    const marker = `…[truncated: ${raw.length} bytes in total]`;
    expect(stored.truncated).toBe(true);
    expect(stored.bytes).toBe(raw.length);
    expect(new TextEncoder().encode(stored.body).length).toBe(MAX_STORED_BODY_BYTES);
    expect(stored.body.endsWith(marker)).toBe(true);
    expect(stored.body.startsWith('{"ProspectID":"a","notes":"xxx')).toBe(true);
  });

  it("never splits a multi-byte character when cutting", () => {
    const raw = "₹".repeat(100); // 3 bytes each
    const stored = redactBody(raw, 50);
    const marker = "…[truncated: 300 bytes in total]"; // 34 bytes: 16 left, so 5 whole rupee signs
    expect(stored.body).toBe(`${"₹".repeat(5)}${marker}`);
    expect(stored.body.includes("\uFFFD")).toBe(false);
  });

  it("does not cut a body exactly at the limit", () => {
    const raw = "a".repeat(64);
    expect(redactBody(raw, 64)).toEqual({ body: raw, truncated: false, bytes: 64 });
  });
});

describe("redactBody properties", () => {
  it("never stores more than the cap, and what it keeps is a prefix of the body", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", maxLength: 200 }).filter((s) => !s.includes("&")),
        fc.integer({ min: 40, max: 300 }),
        (raw, cap) => {
          const stored = redactBody(`note=${raw}`, cap);
          expect(new TextEncoder().encode(stored.body).length).toBeLessThanOrEqual(cap);
          expect(stored.truncated).toBe(stored.bytes > cap);
          const kept = stored.truncated ? stored.body.slice(0, stored.body.lastIndexOf("…[truncated: ")) : stored.body;
          expect(`note=${raw}`.startsWith(kept)).toBe(true);
        },
      ),
    );
  });
});
