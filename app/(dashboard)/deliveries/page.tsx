import { requireUser } from "@/lib/auth/session";

export default async function DeliveriesPage() {
  await requireUser();
  return (
    <>
      <h1 className="text-xl font-semibold">Deliveries</h1>
      <p className="mt-2 text-sm text-slate-600">No webhook deliveries yet. Every request your CRM sends is logged here.</p>
    </>
  );
}
