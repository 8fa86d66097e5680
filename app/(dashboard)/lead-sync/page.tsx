import { ArrowLeftRight, Plus } from "lucide-react";
import Link from "next/link";
import { FailureNotices } from "@/components/lead-sync/failure-notices";
import { buttonClassName } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { StatusBadge } from "@/components/ui/status-badge";
import { requireLeadSyncUser } from "@/lib/lead-sync/access-route";
import { connectorViews } from "@/lib/lead-sync/dashboard";
import { BEHAVIOUR_LABELS } from "@/lib/lead-sync/schema";

export default async function LeadSyncPage() {
  const user = await requireLeadSyncUser();
  const connectors = await connectorViews(user.orgId);
  type Connector = (typeof connectors)[number];
  const when = new Intl.DateTimeFormat("en-GB", { timeZone: user.organization.timezone, dateStyle: "medium", timeStyle: "short" });
  const columns = [
    {
      header: "Connector",
      cell: (c: Connector) => (
        <Link href={`/lead-sync/${c.id}`} className="font-medium break-words text-brand-700 underline-offset-2 hover:underline">
          {c.config.name}
        </Link>
      ),
    },
    {
      header: "Direction",
      cell: (c: Connector) => (
        <span className="break-all">
          {c.source.host} <span aria-label="to">→</span> {c.destination.useIntegration ? "connected account" : c.destination.host}
        </span>
      ),
    },
    { header: "Sync", cell: (c: Connector) => <StatusBadge status={c.enabled ? "active" : "disabled"} label={c.enabled ? "on" : "off"} /> },
    { header: "Behaviour", cell: (c: Connector) => BEHAVIOUR_LABELS[c.config.lead.behaviour] },
    {
      header: "Last job",
      cell: (c: Connector) =>
        c.lastJob ? (
          <span className="flex flex-wrap items-center gap-2">
            <StatusBadge status={c.lastJob.status} />
            <Link href={`/lead-sync/${c.id}/jobs/${c.lastJob.id}`} className="text-brand-700 underline-offset-2 hover:underline">
              {when.format(c.lastJob.receivedAt)}
            </Link>
          </span>
        ) : (
          "none yet"
        ),
    },
  ];
  return (
    <>
      <PageHeader
        title="Lead Sync"
        description={
          <>
            Sync leads from another LeadSquared account into this one: each connector is one direction, fed by the source account’s
            automation. Failure mails: see the{" "}
            <Link href="/outbox" className="text-brand-700 underline">
              mail outbox
            </Link>
            .
          </>
        }
        actions={
          <Link href="/lead-sync/new" className={buttonClassName()}>
            <Plus aria-hidden />
            New connector
          </Link>
        }
      />
      <div className="space-y-6">
        <FailureNotices />
        {connectors.length === 0 ? (
          <EmptyState icon={ArrowLeftRight} title="No Lead Sync connectors yet">
            Create one with both accounts’ keys, map the fields, then paste its webhook URL into the source account’s automation.
          </EmptyState>
        ) : (
          <DataTable caption="Lead Sync connectors" columns={columns} rows={connectors} rowKey={(c) => c.id} />
        )}
      </div>
    </>
  );
}
