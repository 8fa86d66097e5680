import { requireAdmin } from "@/lib/auth/session";

export default async function AgentsPage() {
  await requireAdmin();
  return (
    <>
      <h1 className="text-xl font-semibold">Agents</h1>
      <p className="mt-2 text-sm text-slate-600">No agents yet.</p>
    </>
  );
}
