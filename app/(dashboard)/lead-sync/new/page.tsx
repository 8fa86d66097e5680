import { ConnectorForm } from "@/components/lead-sync/connector-form";
import { PageHeader } from "@/components/ui/page-header";
import { findIntegration } from "@/lib/integrations/queries";
import { requireLeadSyncUser } from "@/lib/lead-sync/access-route";
import { getOrganization } from "@/lib/orgs/queries";

export default async function NewConnectorPage() {
  const user = await requireLeadSyncUser();
  const [org, integration] = await Promise.all([getOrganization(user.orgId), findIntegration(user.orgId, "leadsquared")]);
  return (
    <>
      <PageHeader
        back={{ href: "/lead-sync", label: "Lead Sync" }}
        title="New Lead Sync connector"
        description="Configured on the destination account: leads the source account's automation posts are written here."
      />
      <ConnectorForm defaults={{ timezone: org.timezone, countryCode: org.defaultCountryCode }} hasIntegration={!!integration} />
    </>
  );
}
