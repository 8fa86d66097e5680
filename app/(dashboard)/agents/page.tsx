import { Bot, Plus } from "lucide-react";
import Link from "next/link";
import { buttonClassName } from "@/components/ui/button";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { listAgents } from "@/lib/agents/queries";
import { requireAdmin } from "@/lib/auth/session";

export default async function AgentsPage() {
  const user = await requireAdmin();
  const agents = await listAgents(user.orgId);
  const orgZone = user.organization.timezone;
  type Agent = (typeof agents)[number];
  const columns = [
    {
      header: "Agent",
      cell: (a: Agent) => (
        <Link href={`/agents/${a.id}`} className="font-medium break-words text-brand-700 underline-offset-2 hover:underline">
          {a.name}
        </Link>
      ),
    },
    { header: "Id", cell: (a: Agent) => <code className="text-xs break-all text-slate-600">{a.id}</code> },
    { header: "Provider", cell: (a: Agent) => (a.provider === "vapi" ? "Vapi" : "Simulator") },
    { header: "Time zone", cell: (a: Agent) => a.timezone ?? `${orgZone} (organisation)` },
    { header: "Calls at once", cell: (a: Agent) => a.concurrencyCap },
  ];
  return (
    <>
      <PageHeader
        title="Agents"
        description="Each agent places calls for one kind of lead: its variables come from the CRM, its webhook URL goes into the CRM."
        actions={
          <Link href="/agents/new" className={buttonClassName()}>
            <Plus aria-hidden />
            New agent
          </Link>
        }
      />
      {agents.length === 0 ? (
        <EmptyState icon={Bot} title="No agents yet">
          Create one, map its variables, then paste its webhook URL into your CRM.
        </EmptyState>
      ) : (
        <DataTable caption="Agents" columns={columns} rows={agents} rowKey={(a) => a.id} />
      )}
    </>
  );
}
