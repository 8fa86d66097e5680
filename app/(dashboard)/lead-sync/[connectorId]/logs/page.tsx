import { notFound } from "next/navigation";
import { Suspense } from "react";
import { SyncLogs } from "@/components/lead-sync/sync-logs";
import { PageHeader } from "@/components/ui/page-header";
import { nullIfNotFound } from "@/lib/http/not-found";
import { requireLeadSyncUser } from "@/lib/lead-sync/access-route";
import { getConnector } from "@/lib/lead-sync/queries";

export default async function ConnectorLogsPage({ params }: { params: Promise<{ connectorId: string }> }) {
  const user = await requireLeadSyncUser();
  const { connectorId } = await params;
  const connector = await getConnector(user.orgId, connectorId).catch(nullIfNotFound);
  if (!connector) notFound();
  return (
    <>
      <PageHeader
        back={{ href: `/lead-sync/${connector.id}`, label: connector.config.name }}
        title="Sync logs"
        description="New leads created here, leads updated (duplicates found by Search By, and earlier failures fixed), and leads that failed with the reason."
      />
      <Suspense>
        <SyncLogs connectorId={connector.id} timezone={user.organization.timezone} />
      </Suspense>
    </>
  );
}
