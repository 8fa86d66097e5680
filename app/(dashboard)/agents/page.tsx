import Link from "next/link";
import { TableHead } from "@/components/ui/table-head";
import { listAgents } from "@/lib/agents/queries";
import { requireAdmin } from "@/lib/auth/session";

export default async function AgentsPage() {
  const user = await requireAdmin();
  const agents = await listAgents(user.orgId);
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-xl font-semibold">Agents</h1>
        <Link href="/agents/new" className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700">
          New agent
        </Link>
      </div>
      {agents.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">
          No agents yet. Create one, map its variables, then paste its webhook URL into your CRM.
        </p>
      ) : (
        <div className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <TableHead columns={["Agent", "Id", "Provider", "Time zone", "Calls at once"]} />
            <tbody>
              {agents.map((a) => (
                <tr key={a.id} className="border-t border-slate-100">
                  <td className="px-3 py-2">
                    <Link href={`/agents/${a.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">
                      {a.name}
                    </Link>
                  </td>
                  <td className="px-3 py-2">
                    <code className="text-xs text-slate-600">{a.id}</code>
                  </td>
                  <td className="px-3 py-2">{a.provider}</td>
                  <td className="px-3 py-2">{a.timezone ?? `${user.organization.timezone} (organisation)`}</td>
                  <td className="px-3 py-2">{a.concurrencyCap}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
