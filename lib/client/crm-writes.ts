"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
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

/** A call's write-back; polled while any write is still on its way. */
export function useCallWrites(callId: string) {
  return useQuery({
    queryKey: key(callId),
    queryFn: () => apiFetch<{ writes: CallWrite[] }>(`/api/v1/calls/${callId}/crm-writes`).then((r) => r.writes),
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
