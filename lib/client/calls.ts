"use client";

import { useQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";

export type CallRow = {
  id: string; agentId: string; status: string; source: string; phone: string; leadName: string | null; crmLeadId: string | null;
  attemptsMade: number; maxAttempts: number; nextAttemptAt: string | null; nextAttemptReason: { text: string } | null;
  lastOutcome: string | null; lastError: string | null; createdAt: string;
};

export const callKeys = { list: (filters: Record<string, string>) => ["calls", filters] as const };

/** The newest calls, refreshed while calls progress; polling pauses while the tab is hidden (TanStack's default). */
export function useCalls(filters: Record<string, string> = {}) {
  return useQuery({
    queryKey: callKeys.list(filters),
    queryFn: () => apiFetch<{ calls: CallRow[]; next_cursor: string | null }>(`/api/v1/calls?${new URLSearchParams(filters)}`),
    refetchInterval: 3_000,
  });
}
