import { notFound } from "next/navigation";
import { DeliveryDetailView } from "@/components/deliveries/delivery-detail";
import { findAgent } from "@/lib/agents/queries";
import { requireUser } from "@/lib/auth/session";
import { findDelivery } from "@/lib/deliveries/queries";
import { nullIfNotFound } from "@/lib/http/not-found";

export default async function DeliveryPage({ params }: { params: Promise<{ deliveryId: string }> }) {
  const user = await requireUser();
  const { deliveryId } = await params;
  const delivery = await findDelivery(user.orgId, deliveryId).catch(nullIfNotFound);
  if (!delivery) notFound();
  const agent = delivery.agentId ? await findAgent(user.orgId, delivery.agentId).catch(nullIfNotFound) : null;
  return <DeliveryDetailView deliveryId={deliveryId} agentName={agent?.name ?? null} canAct={user.role === "admin"} />;
}
