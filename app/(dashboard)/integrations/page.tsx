import { requireAdmin } from "@/lib/auth/session";
import { listIntegrations } from "@/lib/integrations/queries";

export default async function IntegrationsPage() {
  const user = await requireAdmin();
  const integrations = await listIntegrations(user.orgId);
  return (
    <>
      <h1 className="text-xl font-semibold">Integrations</h1>
      {integrations.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No CRM is connected yet. Connect one with PUT /api/v1/integrations/leadsquared or /hubspot; the connect screens arrive next.</p>
      ) : (
        <ul className="mt-4 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
          {integrations.map((i) => (
            <li key={i.id} className="flex flex-wrap gap-x-4 px-4 py-3">
              <span className="font-medium">{i.crm === "leadsquared" ? "LeadSquared" : "HubSpot"}</span>
              <span>{i.status}</span>
              <span className="text-slate-600">{Object.entries(i.secretHints).map(([k, v]) => `${k} ${v}`).join(" · ")}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
