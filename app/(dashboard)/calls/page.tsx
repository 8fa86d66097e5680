import { Suspense } from "react";
import { CallHistory } from "@/components/calls/call-history";
import { agentNames } from "@/lib/agents/queries";
import { requireUser } from "@/lib/auth/session";

export default async function CallsPage() {
  const user = await requireUser();
  const agents = await agentNames(user.orgId);
  return (
    <Suspense>
      <CallHistory agents={agents} timezone={user.organization.timezone} />
    </Suspense>
  );
}
