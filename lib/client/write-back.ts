"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import type { WriteBackSettings } from "@/lib/crm-writes/settings";

const key = (agentId: string) => ["agents", agentId, "write-back"] as const;

export function useWriteBack(agentId: string) {
  return useQuery({
    queryKey: key(agentId),
    queryFn: () => apiFetch<{ writeBack: WriteBackSettings }>(`/api/v1/agents/${agentId}/write-back`).then((r) => r.writeBack),
  });
}

export function useSaveWriteBack(agentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: WriteBackSettings) =>
      apiFetch<{ writeBack: WriteBackSettings }>(`/api/v1/agents/${agentId}/write-back`, { method: "PUT", json: settings }).then(
        (r) => r.writeBack,
      ),
    onSuccess: (saved) => queryClient.setQueryData(key(agentId), saved),
  });
}

export function useActivityTypes() {
  return useQuery({
    queryKey: ["integrations", "leadsquared", "activity-types"],
    queryFn: () =>
      apiFetch<{ activityTypes: { code: number; name: string }[] }>("/api/v1/integrations/leadsquared/activity-types").then(
        (r) => r.activityTypes,
      ),
    retry: false,
  });
}
