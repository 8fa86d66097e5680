import Link from "next/link";
import { AgentForm } from "@/components/agents/agent-form";
import { requireAdmin } from "@/lib/auth/session";

export default async function NewAgentPage() {
  const user = await requireAdmin();
  return (
    <>
      <Link href="/agents" className="text-sm text-brand-700 hover:underline">
        ← Agents
      </Link>
      <h1 className="mt-2 text-xl font-semibold">New agent</h1>
      <AgentForm orgTimezone={user.organization.timezone} />
    </>
  );
}
