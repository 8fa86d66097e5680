import { Suspense } from "react";
import { DeliveryLog } from "@/components/deliveries/delivery-log";
import { listAgents } from "@/lib/agents/queries";
import { requireUser } from "@/lib/auth/session";

export default async function DeliveriesPage() {
  const user = await requireUser();
  const agents = (await listAgents(user.orgId)).map((a) => ({ id: a.id, name: a.name }));
  return (
    <Suspense>
      <DeliveryLog agents={agents} timezone={user.organization.timezone} />
    </Suspense>
  );
}
