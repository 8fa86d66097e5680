import { notFound } from "next/navigation";
import { JobDetailView } from "@/components/lead-sync/job-detail";
import { nullIfNotFound } from "@/lib/http/not-found";
import { requireLeadSyncUser } from "@/lib/lead-sync/access-route";
import { getConnector, getJob } from "@/lib/lead-sync/queries";

export default async function SyncJobPage({ params }: { params: Promise<{ connectorId: string; jobId: string }> }) {
  const user = await requireLeadSyncUser();
  const { connectorId, jobId } = await params;
  const [connector, job] = await Promise.all([
    getConnector(user.orgId, connectorId).catch(nullIfNotFound),
    getJob(user.orgId, jobId).catch(nullIfNotFound),
  ]);
  if (!connector || !job || job.connectorId !== connector.id) notFound();
  return <JobDetailView jobId={job.id} connectorId={connector.id} connectorName={connector.config.name} />;
}
