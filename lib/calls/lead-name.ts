/**
 * The name Call History shows and searches for a lead: the agent's mapped `name` variable when there is one, else the
 * CRM's own name fields (LeadSquared FirstName + LastName or ProspectName, HubSpot firstname + lastname).
 */
export function leadNameOf(values: Record<string, string>, lead: Record<string, unknown>): string | null {
  const mapped = values.name?.trim();
  if (mapped) return mapped;
  const text = (key: string) => {
    const v = lead[key];
    return typeof v === "string" ? v.trim() : "";
  };
  const joined = (first: string, last: string) => [text(first), text(last)].filter(Boolean).join(" ");
  return joined("FirstName", "LastName") || text("ProspectName") || joined("firstname", "lastname") || null;
}
