"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";

export type CallWrite = {
  id: string;
  kind: string;
  label: string;
  attemptId: string | null;
  status: "pending" | "running" | "written" | "failed" | "cancelled";
  tries: number;
  nextTryAt: string | null;
  lastError: string | null;
  updatedAt: string;
};

const key = (callId: string) => ["calls", "detail", callId, "crm-writes"] as const;

/**
 * A call's write-back; polled while any write is still on its way. `progress` (the call's state and attempts) is part
 * of the key, so the attempt that just settled shows its queued writes at once rather than at the next slow poll.
 */
export function useCallWrites(callId: string, progress: string) {
  return useQuery({
    queryKey: [...key(callId), progress],
    queryFn: () => apiFetch<{ writes: CallWrite[] }>(`/api/v1/calls/${callId}/crm-writes`).then((r) => r.writes),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.some((w) => w.status === "pending" || w.status === "running") ? 2_000 : 10_000),
  });
}

export function useRetryWrite(callId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (writeId: string) =>
      apiFetch<{ write: CallWrite }>(`/api/v1/calls/${callId}/crm-writes/${writeId}/retry`, { method: "POST" }).then((r) => r.write),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: key(callId) }),
  });
}
