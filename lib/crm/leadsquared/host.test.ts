import { describe, expect, it } from "vitest";
import { checkLeadSquaredHost, LEADSQUARED_API_HOSTS } from "./host";

const WHERE = "Use your LeadSquared API host, e.g. https://api-in21.leadsquared.com — find it under Settings → API & Webhooks.";
const NOT_LSQ = `That is not a LeadSquared API host. ${WHERE}`;
const HTTPS_ONLY = `LeadSquared only answers over HTTPS, so the Host URL must start with https://. ${WHERE}`;

describe("checkLeadSquaredHost accepts LeadSquared API hosts and returns their origin", () => {
  it.each(LEADSQUARED_API_HOSTS.map((host) => ({ host })))("documented host $host", ({ host }) => {
    expect(checkLeadSquaredHost(`https://${host}`)).toEqual({ ok: true, baseUrl: `https://${host}` });
  });

  it.each([
    { rule: "trailing slash is dropped", input: "https://api-in21.leadsquared.com/", baseUrl: "https://api-in21.leadsquared.com" },
    {
      rule: "path, query and fragment are dropped",
      input: "  https://api-in21.leadsquared.com/v2/LeadManagement.svc?x=1#top ",
      baseUrl: "https://api-in21.leadsquared.com",
    },
    { rule: "a bare host is read as https", input: "api.leadsquared.com", baseUrl: "https://api.leadsquared.com" },
    { rule: "case is normalised", input: "HTTPS://API-US11.LeadSquared.COM", baseUrl: "https://api-us11.leadsquared.com" },
    {
      rule: "explicit :443 is the default port",
      input: "https://api-in22.leadsquared.com:443/",
      baseUrl: "https://api-in22.leadsquared.com",
    },
    {
      rule: "an undocumented region of the same form",
      input: "https://api-au41.leadsquared.com",
      baseUrl: "https://api-au41.leadsquared.com",
    },
  ])("$rule", ({ input, baseUrl }) => {
    expect(checkLeadSquaredHost(input)).toEqual({ ok: true, baseUrl });
  });
});

describe("checkLeadSquaredHost refuses everything else with a reason the user can act on", () => {
  it.each([
    { rule: "empty", input: "   ", reason: `Enter the Host URL. ${WHERE}` },
    { rule: "plain http", input: "http://api-in21.leadsquared.com", reason: HTTPS_ONLY },
    { rule: "another scheme", input: "ftp://api.leadsquared.com", reason: HTTPS_ONLY },
    { rule: "unparseable", input: "api leadsquared com", reason: `That is not a web address. ${WHERE}` },
    {
      rule: "the web app host",
      input: "https://in21.leadsquared.com",
      reason: `That is not LeadSquared's API host (the web app's address won't work). ${WHERE}`,
    },
    {
      rule: "the marketing site",
      input: "https://www.leadsquared.com",
      reason: `That is not LeadSquared's API host (the web app's address won't work). ${WHERE}`,
    },
    {
      rule: "the async API host",
      input: "https://asyncapi-in21.leadsquared.com",
      reason: `That is LeadSquared's asynchronous API host; Leadline needs the regular API host. ${WHERE}`,
    },
    { rule: "a look-alike suffix", input: "https://api.leadsquared.com.evil.example", reason: NOT_LSQ },
    { rule: "a look-alike path", input: "https://evil.example/api.leadsquared.com", reason: NOT_LSQ },
    {
      rule: "credentials before the host",
      input: "https://api-in21.leadsquared.com@evil.example",
      reason: `Leave the user name and password out of the Host URL. ${WHERE}`,
    },
    { rule: "a non-default port", input: "https://api-in21.leadsquared.com:8443", reason: `Leave the port out of the Host URL. ${WHERE}` },
    { rule: "loopback IPv4", input: "https://127.0.0.1", reason: NOT_LSQ },
    { rule: "loopback as a decimal number", input: "https://2130706433", reason: NOT_LSQ },
    { rule: "private IPv4", input: "https://10.0.0.5", reason: NOT_LSQ },
    { rule: "link-local metadata address", input: "https://169.254.169.254/latest/meta-data", reason: NOT_LSQ },
    { rule: "loopback IPv6", input: "https://[::1]", reason: NOT_LSQ },
    { rule: "localhost", input: "https://localhost", reason: NOT_LSQ },
    { rule: "an internal name", input: "https://metadata.google.internal", reason: NOT_LSQ },
    { rule: "some other API", input: "https://api.hubapi.com", reason: NOT_LSQ },
  ])("$rule: $input", ({ input, reason }) => {
    expect(checkLeadSquaredHost(input)).toEqual({ ok: false, reason });
  });
});

describe("the operator's allow-list admits other origins, and only those", () => {
  it.each([
    {
      rule: "host:port, any scheme",
      allow: ["127.0.0.1:4010"],
      input: "http://127.0.0.1:4010/",
      result: { ok: true, baseUrl: "http://127.0.0.1:4010" },
    },
    {
      rule: "host:port with a bare input",
      allow: ["127.0.0.1:4010"],
      input: "127.0.0.1:4010",
      result: { ok: true, baseUrl: "https://127.0.0.1:4010" },
    },
    {
      rule: "host:port, other port refused",
      allow: ["127.0.0.1:4010"],
      input: "http://127.0.0.1:4011",
      result: { ok: false, reason: HTTPS_ONLY },
    },
    {
      rule: "scheme and any port",
      allow: ["http://127.0.0.1:*"],
      input: "http://127.0.0.1:55123/v2",
      result: { ok: true, baseUrl: "http://127.0.0.1:55123" },
    },
    { rule: "scheme must match", allow: ["http://127.0.0.1:*"], input: "https://127.0.0.1:55123", result: { ok: false, reason: NOT_LSQ } },
    {
      rule: "host must match exactly",
      allow: ["http://127.0.0.1:*"],
      input: "http://localhost:55123",
      result: { ok: false, reason: HTTPS_ONLY },
    },
    {
      rule: "no port means the default port",
      allow: ["lsq-proxy.corp.example"],
      input: "https://lsq-proxy.corp.example/",
      result: { ok: true, baseUrl: "https://lsq-proxy.corp.example" },
    },
    {
      rule: "no port refuses another port",
      allow: ["lsq-proxy.corp.example"],
      input: "https://lsq-proxy.corp.example:8443",
      result: { ok: false, reason: NOT_LSQ },
    },
    {
      rule: "credentials are refused even when allowed",
      allow: ["http://127.0.0.1:*"],
      input: "http://u:p@127.0.0.1:4010",
      result: { ok: false, reason: `Leave the user name and password out of the Host URL. ${WHERE}` },
    },
    {
      rule: "LeadSquared hosts still pass",
      allow: ["http://127.0.0.1:*"],
      input: "https://api-in21.leadsquared.com",
      result: { ok: true, baseUrl: "https://api-in21.leadsquared.com" },
    },
    {
      rule: "a malformed entry admits nothing",
      allow: ["http://"],
      input: "http://127.0.0.1:4010",
      result: { ok: false, reason: HTTPS_ONLY },
    },
  ])("$rule", ({ allow, input, result }) => {
    expect(checkLeadSquaredHost(input, allow)).toEqual(result);
  });
});
