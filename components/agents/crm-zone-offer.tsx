"use client";

import { useIntegrations } from "@/lib/client/integrations";

/** Offers the connected LeadSquared account's own time zone (read when it was connected) for an empty or other zone. */
export function CrmZoneOffer({ current, onUse }: { current: string; onUse: (zone: string) => void }) {
  const integrations = useIntegrations();
  const zone = integrations.data?.find((i) => i.crm === "leadsquared" && i.status === "connected")?.config.timeZone;
  if (!zone || current.trim() === zone) return null;
  return (
    <p className="text-xs text-slate-600">
      Your LeadSquared account works in {zone}.{" "}
      <button type="button" className="font-medium text-brand-700 underline" onClick={() => onUse(zone)}>
        Use {zone}
      </button>
    </p>
  );
}
