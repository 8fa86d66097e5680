"use client";

import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { useDeleteAgent } from "@/lib/client/agents";

/** Asks first; a refusal (the agent still has calls to place) is shown as the server words it. */
export function DeleteAgent({ agentId, name }: { agentId: string; name: string }) {
  const router = useRouter();
  const remove = useDeleteAgent(agentId);
  const onDelete = () => {
    if (!window.confirm(`Delete the agent “${name}”? Its webhook URL stops working; the calls it placed stay in Call History.`)) return;
    remove.mutate(undefined, {
      onSuccess: () => {
        router.push("/agents");
        router.refresh();
      },
    });
  };
  return (
    <section aria-labelledby="delete-agent-heading" className="mt-6 flex flex-col gap-2 rounded-lg border border-red-200 bg-white p-4">
      <h2 id="delete-agent-heading" className="font-medium">
        Delete this agent
      </h2>
      <p className="text-sm text-slate-600">
        Leads sent to its webhook URL are refused afterwards; the calls it placed stay in Call History under its name. An agent with
        scheduled or live calls cannot be deleted until they end or are cancelled.
      </p>
      <div>
        <Button type="button" variant="danger" aria-label={`Delete agent ${name}`} onClick={onDelete} disabled={remove.isPending}>
          {remove.isPending ? "Deleting…" : "Delete agent"}
        </Button>
      </div>
      <FormError message={remove.error?.message} />
    </section>
  );
}
