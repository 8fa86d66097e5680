import { listAgents } from "@/lib/agents/queries";
import { requireAdmin } from "@/lib/auth/session";

export default async function AgentsPage() {
  const user = await requireAdmin();
  const agents = await listAgents(user.orgId);
  return (
    <>
      <h1 className="text-xl font-semibold">Agents</h1>
      {agents.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No agents yet. Create one with POST /api/v1/agents; the editor arrives with the setup screens.</p>
      ) : (
        <ul className="mt-4 divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
          {agents.map((a) => (
            <li key={a.id} className="flex flex-wrap gap-x-4 px-4 py-3">
              <span className="font-medium">{a.name}</span>
              <code className="text-xs text-slate-600">{a.id}</code>
              <span className="text-slate-600">{a.provider}</span>
              <span className="text-slate-600">{a.timezone ?? user.organization.timezone}</span>
              <span className="text-slate-600">up to {a.concurrencyCap} calls at once</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
