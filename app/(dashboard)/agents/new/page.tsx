import { AgentForm } from "@/components/agents/agent-form";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/session";

export default async function NewAgentPage() {
  const user = await requireAdmin();
  return (
    <>
      <PageHeader
        back={{ href: "/agents", label: "Agents" }}
        title="New agent"
        description="Name it and pick its provider; its variables and webhook URL come next."
      />
      <AgentForm orgTimezone={user.organization.timezone} />
    </>
  );
}
