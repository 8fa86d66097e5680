import { CallsTable } from "@/components/calls/calls-table";
import { requireUser } from "@/lib/auth/session";

export default async function CallsPage() {
  await requireUser();
  return (
    <>
      <h1 className="text-xl font-semibold">Call History</h1>
      <CallsTable />
    </>
  );
}
