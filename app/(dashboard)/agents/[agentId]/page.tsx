import { notFound } from "next/navigation";
import { AgentForm } from "@/components/agents/agent-form";
import { AgentTabs, tabOf } from "@/components/agents/agent-tabs";
import { DeleteAgent } from "@/components/agents/delete-agent";
import { CallWebhookDeliveries } from "@/components/call-webhooks/call-webhook-deliveries";
import { CallWebhookPanel } from "@/components/call-webhooks/call-webhook-panel";
import { VariableSourceEditor } from "@/components/variables/variable-source-editor";
import { PageHeader } from "@/components/ui/page-header";
import { WebhookUrlBuilder } from "@/components/webhook-url/webhook-url-builder";
import { WriteBackEditor } from "@/components/write-back/write-back-form";
import { findAgent, presentAgent } from "@/lib/agents/queries";
import { requireAdmin } from "@/lib/auth/session";
import type { AgentRow } from "@/lib/client/agents";
import { env } from "@/lib/env";
import { nullIfNotFound } from "@/lib/http/not-found";

export default async function AgentPage({
  params,
  searchParams,
}: {
  params: Promise<{ agentId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireAdmin();
  const { agentId } = await params;
  const tab = tabOf((await searchParams).tab);
  // Dates become strings exactly as the API answers them, so the page and the query cache agree.
  const found = await findAgent(user.orgId, agentId).catch(nullIfNotFound);
  if (!found) notFound();
  const agent = JSON.parse(JSON.stringify(presentAgent(found))) as AgentRow;
  const orgTimezone = user.organization.timezone;
  return (
    <>
      <PageHeader
        back={{ href: "/agents", label: "Agents" }}
        title={agent.name}
        description={
          <>
            Agent id <code className="text-xs break-all">{agent.id}</code>
          </>
        }
      />
      <AgentTabs agentId={agent.id} current={tab} />
      {tab === "settings" && (
        <>
          <AgentForm agent={agent} orgTimezone={orgTimezone} />
          <DeleteAgent agentId={agent.id} name={agent.name} />
        </>
      )}
      {tab === "variables" && <VariableSourceEditor agent={agent} />}
      {tab === "webhook" && <WebhookUrlBuilder agent={agent} orgTimezone={orgTimezone} publicUrl={env().LEADLINE_PUBLIC_URL} />}
      {tab === "write-back" && <WriteBackEditor agentId={agent.id} />}
      {tab === "call-webhook" && (
        <div className="mt-4 space-y-6">
          <CallWebhookPanel scope={agent.id} />
          <CallWebhookDeliveries scope={agent.id} />
        </div>
      )}
    </>
  );
}
