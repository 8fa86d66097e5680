/** The documented regional REST hosts (api-facts §1.1). Any `api-<region>.leadsquared.com` is accepted too. */
export const LEADSQUARED_API_HOSTS = [
  "api.leadsquared.com",
  "api-us11.leadsquared.com",
  "api-in21.leadsquared.com",
  "api-in22.leadsquared.com",
  "api-ir31.leadsquared.com",
  "api-ca12.leadsquared.com",
] as const;

export type HostCheck = { ok: true; baseUrl: string } | { ok: false; reason: string };

const WHERE = "Use your LeadSquared API host, e.g. https://api-in21.leadsquared.com — find it under Settings → API & Webhooks.";
const API_HOST = /^api(-[a-z]{2}\d{1,3})?\.leadsquared\.com$/;

/**
 * Checks a Host URL typed by a user and returns its origin (no path, no trailing slash). Only https LeadSquared API
 * hosts pass, unless the operator's `allow` list names the origin, e.g. "127.0.0.1:4010" or "http://127.0.0.1:*"
 * (scheme optional; port "*" for any). A bare host name is read as https.
 */
export function checkLeadSquaredHost(input: string, allow: readonly string[] = []): HostCheck {
  const text = input.trim();
  if (!text) return { ok: false, reason: `Enter the Host URL. ${WHERE}` };
  const url = parseUrl(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  if (!url || !url.hostname) return { ok: false, reason: `That is not a web address. ${WHERE}` };
  if (url.username || url.password) return { ok: false, reason: `Leave the user name and password out of the Host URL. ${WHERE}` };

  if (allow.some((pattern) => allowedBy(pattern, url))) return { ok: true, baseUrl: url.origin };

  if (url.protocol !== "https:") {
    return { ok: false, reason: `LeadSquared only answers over HTTPS, so the Host URL must start with https://. ${WHERE}` };
  }
  const host = url.hostname.toLowerCase();
  if (!API_HOST.test(host)) return { ok: false, reason: refusal(host) };
  if (url.port) return { ok: false, reason: `Leave the port out of the Host URL. ${WHERE}` };
  return { ok: true, baseUrl: url.origin };
}

function refusal(host: string): string {
  if (host.startsWith("asyncapi")) return `That is LeadSquared's asynchronous API host; Leadline needs the regular API host. ${WHERE}`;
  if (host.endsWith(".leadsquared.com")) return `That is not LeadSquared's API host (the web app's address won't work). ${WHERE}`;
  return `That is not a LeadSquared API host. ${WHERE}`;
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

function allowedBy(pattern: string, url: URL): boolean {
  const match = /^(?:([a-z][a-z0-9+.-]*):\/\/)?([^/:]+|\[[^\]]+\])(?::(\d+|\*))?\/?$/i.exec(pattern.trim());
  if (!match) return false;
  const [, scheme, host, port] = match;
  if (scheme && `${scheme.toLowerCase()}:` !== url.protocol) return false;
  if (host?.toLowerCase() !== url.hostname.toLowerCase()) return false;
  if (port === "*") return true;
  return (port ?? defaultPort(url.protocol)) === (url.port || defaultPort(url.protocol));
}

function defaultPort(protocol: string): string {
  return protocol === "https:" ? "443" : protocol === "http:" ? "80" : "";
}
