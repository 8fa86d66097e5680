"use client";

import { useMutation, useQueries } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import type { Crm } from "@/lib/crm/crms";
import type { TestLeadInput } from "@/lib/test-lead/schema";

export type SchedulePreview = { timezone: string; attempts: { attempt: number; at: string; reason: string }[] };
export type TestLeadResult = {
  crm: Crm;
  httpStatus: number;
  answer: unknown;
  deliveryId: string | null;
  callId: string | null;
  leadStatus: string | null;
  /** ISO instant of the first attempt, for an accepted lead. */
  firstAttemptAt: string | null;
  sent: unknown;
};

/** The planner's answer for each sample creation time, with the agent's defaults under the URL's parameters. */
export function useSchedulePreviews(agentId: string, query: Record<string, string> | null, createdAts: readonly string[]) {
  return useQueries({
    queries: createdAts.map((createdAt) => ({
      queryKey: ["schedule-preview", agentId, query, createdAt] as const,
      queryFn: () =>
        apiFetch<SchedulePreview>(
          `/api/v1/schedule/preview?${new URLSearchParams({ ...query, agent_id: agentId, created_at: createdAt })}`,
        ),
      enabled: query !== null,
      retry: false,
      placeholderData: (previous: SchedulePreview | undefined) => previous,
    })),
  });
}

export function useSendTestLead(agentId: string) {
  return useMutation({
    mutationFn: (input: TestLeadInput) => apiFetch<TestLeadResult>(`/api/v1/agents/${agentId}/test-lead`, { method: "POST", json: input }),
  });
}
