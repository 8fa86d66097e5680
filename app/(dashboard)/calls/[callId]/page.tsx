import { notFound } from "next/navigation";
import { CallDetailView } from "@/components/calls/call-detail";
import { findAgent } from "@/lib/agents/queries";
import { requireUser } from "@/lib/auth/session";
import { findCall } from "@/lib/calls/queries";
import { ApiError } from "@/lib/http/errors";

const orNull = (err: unknown) => {
  if (err instanceof ApiError && err.status === 404) return null;
  throw err;
};

export default async function CallPage({ params }: { params: Promise<{ callId: string }> }) {
  const user = await requireUser();
  const { callId } = await params;
  const call = await findCall(user.orgId, callId).catch(orNull);
  if (!call) notFound();
  const agent = await findAgent(user.orgId, call.agentId).catch(orNull);
  return <CallDetailView callId={callId} agentName={agent?.name ?? null} canAct={user.role === "admin"} />;
}
