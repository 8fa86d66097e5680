import { Suspense } from "react";
import { CallHistory } from "@/components/calls/call-history";
import { listAgents } from "@/lib/agents/queries";
import { requireUser } from "@/lib/auth/session";

export default async function CallsPage() {
  const user = await requireUser();
  const agents = (await listAgents(user.orgId)).map((a) => ({ id: a.id, name: a.name }));
  return (
    <Suspense>
      <CallHistory agents={agents} timezone={user.organization.timezone} />
    </Suspense>
  );
}
