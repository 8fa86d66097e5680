import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/http/errors";
import { assertSameOrigin, crossSiteReason } from "@/lib/http/same-origin";

const PUBLIC = "https://leadline.example.com";
const reason = (method: string, headers: Record<string, string>) =>
  crossSiteReason({ method, headers: new Headers(headers), publicOrigin: PUBLIC });

describe("crossSiteReason", () => {
  it.each([
    ["same origin", { origin: PUBLIC }],
    ["no Origin but Sec-Fetch-Site same-origin", { "sec-fetch-site": "same-origin" }],
  ])("lets a state change through from the %s", (_, headers) => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) expect(reason(method, headers)).toBeNull();
  });

  it.each([
    ["another port of the same host", { origin: "https://leadline.example.com:8443" }, "it came from https://leadline.example.com:8443"],
    ["another scheme", { origin: "http://leadline.example.com" }, "it came from http://leadline.example.com"],
    ["an opaque origin (sandboxed frame, file://)", { origin: "null" }, "it came from null"],
    ["a same-site page", { "sec-fetch-site": "same-site" }, "it came from another site (Sec-Fetch-Site: same-site)"],
    ["a cross-site page", { "sec-fetch-site": "cross-site" }, "it came from another site (Sec-Fetch-Site: cross-site)"],
    ["nowhere it would say", {}, "it carried neither an Origin nor a Sec-Fetch-Site header"],
    // Origin wins over a Sec-Fetch-Site that claims otherwise.
    [
      "a foreign Origin with a same-origin Sec-Fetch-Site",
      { origin: "https://evil.test", "sec-fetch-site": "same-origin" },
      "it came from https://evil.test",
    ],
  ])("refuses a POST from %s", (_, headers, expected) => {
    expect(reason("POST", headers)).toBe(expected);
  });

  it("does not judge reads", () => {
    for (const method of ["GET", "HEAD", "OPTIONS", "get"]) expect(reason(method, { origin: "https://evil.test" })).toBeNull();
  });
});

describe("assertSameOrigin", () => {
  const post = (headers: Record<string, string>) => new Request(`${PUBLIC}/api/setup`, { method: "POST", headers });
  const codeOf = (fn: () => void) => {
    try {
      fn();
      return "passed";
    } catch (err) {
      return err instanceof ApiError ? `${err.status} ${err.code}` : String(err);
    }
  };

  it("answers 403 cross_site_request and names the address to use", () => {
    expect(codeOf(() => assertSameOrigin(post({ origin: "http://127.0.0.1:9999" }), `${PUBLIC}/`))).toBe("403 cross_site_request");
    expect(() => assertSameOrigin(post({}), PUBLIC)).toThrow(/only from https:\/\/leadline\.example\.com\./);
  });

  it("lets a request with neither header through only when told to, never a foreign one", () => {
    expect(codeOf(() => assertSameOrigin(post({}), PUBLIC, { allowHeaderless: true }))).toBe("passed");
    expect(codeOf(() => assertSameOrigin(post({ origin: "https://evil.test" }), PUBLIC, { allowHeaderless: true }))).toBe(
      "403 cross_site_request",
    );
    expect(codeOf(() => assertSameOrigin(post({ "sec-fetch-site": "same-site" }), PUBLIC, { allowHeaderless: true }))).toBe(
      "403 cross_site_request",
    );
  });
});
