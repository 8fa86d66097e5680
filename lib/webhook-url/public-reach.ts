/**
 * Why a cloud CRM could not reach webhook URLs built on this origin, or null when it looks public. LeadSquared and
 * HubSpot call from their own servers, so a loopback, private or link-local address never receives their leads.
 */
export function unreachableOrigin(origin: string): string | null {
  let host: string;
  try {
    host = new URL(origin).hostname.toLowerCase().replace(/^\[|\]$/g, "");
  } catch {
    return `${origin} is not a full address`;
  }
  if (host === "localhost" || host.endsWith(".localhost")) return `${host} is this computer`;
  if (host.endsWith(".local") || host.endsWith(".internal") || (!host.includes(".") && !host.includes(":")))
    return `${host} is a name only your own network knows`;
  const v4 = /^(\d+)\.(\d+)\.\d+\.\d+$/.exec(host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    if (a === 127 || a === 0) return `${host} is this computer`;
    if (
      a === 10 ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 169 && b === 254) ||
      (a === 100 && b >= 64 && b <= 127)
    )
      return `${host} is a private network address`;
    return null;
  }
  if (host === "::1" || host === "::") return `${host} is this computer`;
  if (/^f[cd]/.test(host) || /^fe[89ab]/.test(host)) return `${host} is a private network address`;
  return null;
}
