import { requireAdmin } from "@/lib/auth/session";

export default async function IntegrationsPage() {
  await requireAdmin();
  return (
    <>
      <h1 className="text-xl font-semibold">Integrations</h1>
      <p className="mt-2 text-sm text-slate-600">No CRM is connected yet. Connecting LeadSquared and HubSpot arrives with the CRM webhooks.</p>
    </>
  );
}
