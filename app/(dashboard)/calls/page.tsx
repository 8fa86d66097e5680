import { requireUser } from "@/lib/auth/session";

export default async function CallsPage() {
  await requireUser();
  return (
    <>
      <h1 className="text-xl font-semibold">Call History</h1>
      <p className="mt-2 text-sm text-slate-600">No calls yet. Every lead your CRM sends appears here with each attempt.</p>
    </>
  );
}
