import Link from "next/link";
import { notFound } from "next/navigation";
import { ConnectorActions } from "@/components/lead-sync/connector-actions";
import { ConnectorForm } from "@/components/lead-sync/connector-form";
import { FailureNotices } from "@/components/lead-sync/failure-notices";
import { WebhookSteps } from "@/components/lead-sync/webhook-steps";
import { PageHeader } from "@/components/ui/page-header";
import type { ConnectorView } from "@/lib/client/lead-sync";
import { nullIfNotFound } from "@/lib/http/not-found";
import { findIntegration } from "@/lib/integrations/queries";
import { requireLeadSyncUser } from "@/lib/lead-sync/access-route";
import { connectorView } from "@/lib/lead-sync/dashboard";
import { getOrganization } from "@/lib/orgs/queries";

const TABS = [
  { id: "webhook", label: "Webhook URL" },
  { id: "settings", label: "Configuration" },
] as const;

export default async function ConnectorPage({
  params,
  searchParams,
}: {
  params: Promise<{ connectorId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireLeadSyncUser();
  const { connectorId } = await params;
  const tab = (await searchParams).tab === "settings" ? "settings" : "webhook";
  const found = await connectorView(user.orgId, connectorId).catch(nullIfNotFound);
  if (!found) notFound();
  // Dates become strings exactly as the API answers them, so the page and the query cache agree.
  const connector = JSON.parse(JSON.stringify(found)) as ConnectorView;
  const [org, integration] = await Promise.all([getOrganization(user.orgId), findIntegration(user.orgId, "leadsquared")]);
  return (
    <>
      <PageHeader
        back={{ href: "/lead-sync", label: "Lead Sync" }}
        title={connector.config.name}
        description={
          <>
            {connector.source.host} →{" "}
            {connector.destination.useIntegration ? "the connected LeadSquared account" : connector.destination.host} ·{" "}
            <Link href={`/lead-sync/${connector.id}/logs`} className="text-brand-700 underline">
              View logs
            </Link>
          </>
        }
        actions={<ConnectorActions initial={connector} />}
      />
      <nav aria-label="Connector sections" className="mb-6 overflow-x-auto border-b border-slate-200">
        <ul className="flex gap-1 text-sm">
          {TABS.map((t) => (
            <li key={t.id}>
              <Link
                href={`/lead-sync/${connector.id}?tab=${t.id}`}
                aria-current={t.id === tab ? "page" : undefined}
                className={`-mb-px block border-b-2 px-3 py-2 whitespace-nowrap ${t.id === tab ? "border-brand-600 font-medium text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
              >
                {t.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="space-y-6">
        <FailureNotices />
        {tab === "webhook" ? (
          <WebhookSteps url={connector.webhookUrl} enabled={connector.enabled} />
        ) : (
          <ConnectorForm
            stored={connector}
            defaults={{ timezone: org.timezone, countryCode: org.defaultCountryCode }}
            hasIntegration={!!integration}
          />
        )}
      </div>
    </>
  );
}
