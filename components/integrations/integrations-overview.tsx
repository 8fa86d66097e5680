"use client";

import { CRMS } from "@/lib/crm/crms";
import { IntegrationCard } from "@/components/integrations/integration-card";
import { FormError } from "@/components/ui/field";
import { useIntegrations } from "@/lib/client/integrations";

export function IntegrationsOverview() {
  const integrations = useIntegrations();
  if (integrations.error) return <FormError message={integrations.error.message} />;
  if (!integrations.data) return <p className="mt-4 text-sm text-slate-600">Loading…</p>;
  const byCrm = new Map(integrations.data.map((i) => [i.crm, i]));
  return (
    <>
      {byCrm.size === 0 && <p className="mt-2 text-sm text-slate-600">No CRM is connected yet. Connect the one your leads come from.</p>}
      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        {CRMS.map((crm) => (
          <IntegrationCard key={crm} crm={crm} integration={byCrm.get(crm)} />
        ))}
      </div>
    </>
  );
}
