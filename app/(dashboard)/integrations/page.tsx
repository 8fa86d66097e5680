import { IntegrationsOverview } from "@/components/integrations/integrations-overview";
import { requireAdmin } from "@/lib/auth/session";

export default async function IntegrationsPage() {
  await requireAdmin();
  return (
    <>
      <h1 className="text-xl font-semibold">Integrations</h1>
      <p className="mt-1 text-sm text-slate-600">
        Leadline reads leads and their fields from your CRM with these credentials. They are stored encrypted and never shown again; only
        their last four characters are.
      </p>
      <IntegrationsOverview />
    </>
  );
}
