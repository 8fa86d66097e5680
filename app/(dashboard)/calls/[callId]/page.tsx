import { notFound } from "next/navigation";
import { CallDetailView } from "@/components/calls/call-detail";
import { findAgent } from "@/lib/agents/queries";
import { requireUser } from "@/lib/auth/session";
import { findCall } from "@/lib/calls/queries";
import { nullIfNotFound } from "@/lib/http/not-found";

export default async function CallPage({ params }: { params: Promise<{ callId: string }> }) {
  const user = await requireUser();
  const { callId } = await params;
  const call = await findCall(user.orgId, callId).catch(nullIfNotFound);
  if (!call) notFound();
  const agent = await findAgent(user.orgId, call.agentId).catch(nullIfNotFound);
  return <CallDetailView callId={callId} agentName={agent?.name ?? null} canAct={user.role === "admin"} />;
}
