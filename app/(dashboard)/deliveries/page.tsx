import { Suspense } from "react";
import { DeliveryLog } from "@/components/deliveries/delivery-log";
import { agentNames } from "@/lib/agents/queries";
import { requireUser } from "@/lib/auth/session";

export default async function DeliveriesPage() {
  const user = await requireUser();
  const agents = await agentNames(user.orgId);
  return (
    <Suspense>
      <DeliveryLog agents={agents} timezone={user.organization.timezone} />
    </Suspense>
  );
}
