"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { OutcomeDay } from "@/lib/calls/outcome-days";
import { apiFetch } from "@/lib/client/api";
import { useKeysetPages } from "@/lib/client/keyset-pages";

export type CallRow = {
  id: string;
  agentId: string;
  status: string;
  source: string;
  phone: string;
  leadName: string | null;
  crmLeadId: string | null;
  attemptsMade: number;
  maxAttempts: number;
  nextAttemptAt: string | null;
  nextAttemptReason: { text: string } | null;
  timezone: string;
  lastOutcome: string | null;
  lastError: string | null;
  createdAt: string;
  finishedAt: string | null;
  deliveryId: string | null;
};

export type CallAttemptRow = {
  number: number;
  status: string;
  scheduledAt: string;
  reason: { text: string } | null;
  dialedAt: string | null;
  endedAt: string | null;
  provider: string;
  providerCallId: string | null;
  outcome: string | null;
  outcomeDetail: string | null;
  error: string | null;
  variablesSent: Record<string, string>;
  summary: string | null;
  transcript: string | null;
  recordingUrl: string | null;
};

export type CallDetail = CallRow & {
  variables: Record<string, string>;
  scheduleParams: Record<string, unknown>;
  leadFields: Record<string, unknown> | null;
  attempts: CallAttemptRow[];
};

/** The URL filters Call History understands, by their API names. */
export const CALL_FILTER_KEYS = ["agent_id", "status", "outcome", "crm", "q", "from", "to"] as const;

export const callKeys = {
  list: (query: Record<string, string>) => ["calls", "list", query] as const,
  outcomes: (query: Record<string, string>) => ["calls", "outcomes", query] as const,
  detail: (id: string) => ["calls", "detail", id] as const,
};

const LIVE = { refetchInterval: 3_000, refetchIntervalInBackground: false } as const;

/** Call History's pages, newest first, refreshed every few seconds while the tab is visible. */
export function useCallPages(query: Record<string, string>) {
  return useKeysetPages<"calls", CallRow>(callKeys.list(query), "/api/v1/calls", "calls", query, LIVE.refetchInterval);
}

export function useOutcomesPerDay(query: Record<string, string>) {
  return useQuery({
    queryKey: callKeys.outcomes(query),
    queryFn: () => apiFetch<{ timezone: string; days: OutcomeDay[] }>(`/api/v1/calls/outcomes?${new URLSearchParams(query)}`),
    refetchInterval: 15_000,
    refetchIntervalInBackground: false,
  });
}

export function callExportUrl(query: Record<string, string>): string {
  return `/api/v1/calls/export.csv?${new URLSearchParams(query)}`;
}

export function useCall(id: string) {
  return useQuery({
    queryKey: callKeys.detail(id),
    queryFn: () => apiFetch<{ call: CallDetail }>(`/api/v1/calls/${id}`).then((r) => r.call),
    ...LIVE,
  });
}

/** Cancel or retry-now: the answer is the call as it is now. */
export function useCallAction(id: string, action: "cancel" | "retry") {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<{ call: CallDetail }>(`/api/v1/calls/${id}/${action}`, { method: "POST" }).then((r) => r.call),
    onSuccess: (call) => {
      queryClient.setQueryData(callKeys.detail(id), call);
      void queryClient.invalidateQueries({ queryKey: ["calls", "list"] });
    },
  });
}
