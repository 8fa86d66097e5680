"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { AgentInput, AgentUpdate } from "@/lib/agents/schema";
import { apiFetch } from "@/lib/client/api";

export type AgentRow = {
  id: string;
  name: string;
  provider: "simulator" | "vapi";
  providerSettings: { assistantId?: string; phoneNumberId?: string };
  /** Only the last four characters, e.g. "••••1234". */
  providerApiKey: string | null;
  timezone: string | null;
  concurrencyCap: number;
  phoneVariable: string;
  scheduleDefaults: Record<string, string>;
  createdAt: string;
  updatedAt: string;
};

export const agentKeys = { all: ["agents"] as const, detail: (id: string) => ["agents", id] as const };

export function useAgent(id: string, initialData?: AgentRow) {
  return useQuery({
    queryKey: agentKeys.detail(id),
    queryFn: () => apiFetch<{ agent: AgentRow }>(`/api/v1/agents/${id}`).then((r) => r.agent),
    initialData,
  });
}

export function useCreateAgent() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AgentInput) =>
      apiFetch<{ agent: AgentRow }>("/api/v1/agents", { method: "POST", json: input }).then((r) => r.agent),
    onSuccess: (agent) => {
      queryClient.setQueryData(agentKeys.detail(agent.id), agent);
      return queryClient.invalidateQueries({ queryKey: agentKeys.all, exact: true });
    },
  });
}

/** Shows the change at once; the server's answer (or the old agent, on error) replaces it. */
export function useUpdateAgent(id: string) {
  const queryClient = useQueryClient();
  const key = agentKeys.detail(id);
  return useMutation({
    mutationFn: (patch: AgentUpdate) =>
      apiFetch<{ agent: AgentRow }>(`/api/v1/agents/${id}`, { method: "PATCH", json: patch }).then((r) => r.agent),
    onMutate: async (patch) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<AgentRow>(key);
      // The API key is write-only: the optimistic copy keeps the old hint rather than the secret.
      const { providerApiKey: _secret, ...visible } = patch;
      if (previous) queryClient.setQueryData<AgentRow>(key, { ...previous, ...(visible as Partial<AgentRow>) });
      return { previous };
    },
    onError: (_err, _patch, context) => queryClient.setQueryData(key, context?.previous),
    onSuccess: (agent) => queryClient.setQueryData(key, agent),
  });
}

/** Deleting is refused (409) while the agent has scheduled or live calls; the reason comes back as the error. */
export function useDeleteAgent(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<null>(`/api/v1/agents/${id}`, { method: "DELETE" }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: agentKeys.detail(id) });
      return queryClient.invalidateQueries({ queryKey: agentKeys.all, exact: true });
    },
  });
}
