"use client";

import Link from "next/link";
import { useVariables } from "@/lib/client/variables";
import { crmMismatch } from "@/lib/webhook-url/crm-match";
import type { VariableSource } from "@/lib/variables/schema";

/** Warns before the URL is pasted when the chosen CRM's leads would reach the agent with no number to call. */
export function CrmMismatchNotice({ agentId, crm, phoneVariable }: { agentId: string; crm: VariableSource; phoneVariable: string }) {
  const variables = useVariables(agentId);
  const problem = variables.data ? crmMismatch({ crm, variables: variables.data, phoneVariable }) : null;
  if (!problem) return null;
  return (
    <div role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
      <p>{problem}</p>
      <Link href={`/agents/${agentId}?tab=variables`} className="mt-1 inline-block font-medium text-brand-700 underline">
        Open Variable Source
      </Link>
    </div>
  );
}
