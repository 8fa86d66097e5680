"use client";

import type { Crm } from "@/lib/crm/crms";
import Link from "next/link";
import { Notice } from "@/components/ui/notice";
import { useVariables } from "@/lib/client/variables";
import { crmMismatch } from "@/lib/webhook-url/crm-match";

/** Warns before the URL is pasted when the chosen CRM's leads would reach the agent with no number to call. */
export function CrmMismatchNotice({ agentId, crm, phoneVariable }: { agentId: string; crm: Crm; phoneVariable: string }) {
  const variables = useVariables(agentId);
  const problem = variables.data ? crmMismatch({ crm, variables: variables.data, phoneVariable }) : null;
  if (!problem) return null;
  return (
    <Notice tone="warning" role="alert" title="This CRM does not match the agent's variables">
      <p>{problem}</p>
      <Link href={`/agents/${agentId}?tab=variables`} className="inline-block font-medium text-brand-700 underline">
        Open Variable Source
      </Link>
    </Notice>
  );
}
