import { TableHead } from "@/components/ui/table-head";
import { requireUser } from "@/lib/auth/session";
import { listDeliveries } from "@/lib/deliveries/queries";
import { listDeliveriesQuerySchema } from "@/lib/deliveries/schema";

export default async function DeliveriesPage() {
  const user = await requireUser();
  const { deliveries } = await listDeliveries(user.orgId, listDeliveriesQuerySchema.parse({}));
  return (
    <>
      <h1 className="text-xl font-semibold">Deliveries</h1>
      {deliveries.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">No webhook deliveries yet. Every request your CRM sends is logged here.</p>
      ) : (
        <div className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Webhook deliveries, newest first</caption>
            <TableHead columns={["Received (UTC)", "CRM", "Status", "Leads", "Problem"]} />
            <tbody>
              {deliveries.map((d) => (
                <tr key={d.id} className="border-t border-slate-100">
                  <td className="px-3 py-2 whitespace-nowrap">{d.createdAt.toISOString().replace("T", " ").slice(0, 19)}</td>
                  <td className="px-3 py-2">{d.crm ?? "—"}</td>
                  <td className="px-3 py-2">{d.status}</td>
                  <td className="px-3 py-2">
                    {d.accepted} accepted, {d.duplicates} duplicate, {d.rejected} rejected
                  </td>
                  <td className="px-3 py-2 text-slate-600">{d.errorMessage ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
