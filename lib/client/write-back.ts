"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import type { NewActivityType, WriteBackSettings } from "@/lib/crm-writes/settings";

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

const TYPES_KEY = ["integrations", "leadsquared", "activity-types"] as const;
type ActivityType = { code: number; name: string };

/** Creates an activity type in the connected LeadSquared account; the list shows it at once. */
export function useCreateActivityType() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewActivityType) =>
      apiFetch<{ activityType: ActivityType }>("/api/v1/integrations/leadsquared/activity-types", { method: "POST", json: input }).then(
        (r) => r.activityType,
      ),
    onSuccess: (created) => queryClient.setQueryData<ActivityType[]>(TYPES_KEY, (types) => [...(types ?? []), created]),
  });
}

export function useActivityTypes() {
  return useQuery({
    queryKey: TYPES_KEY,
    queryFn: () =>
      apiFetch<{ activityTypes: ActivityType[] }>("/api/v1/integrations/leadsquared/activity-types").then((r) => r.activityTypes),
    retry: false,
  });
}
