import { IntegrationsOverview } from "@/components/integrations/integrations-overview";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/session";

export default async function IntegrationsPage() {
  await requireAdmin();
  return (
    <>
      <PageHeader
        title="Integrations"
        description="Leadline reads leads and their fields from your CRM with these credentials. They are stored encrypted and never shown again; only their last four characters are."
      />
      <IntegrationsOverview />
    </>
  );
}
