"use client";

import type { Crm } from "@/lib/crm/crms";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CrmField } from "@/lib/crm/fields";
import { apiFetch } from "@/lib/client/api";
import type { ResolvedVariables } from "@/lib/variables/map";
import type { Variable, VariableInput, VariablePreviewInput } from "@/lib/variables/schema";

export type CrmFieldList = { crm: Crm; fields: CrmField[]; fetchedAt: string; cached: boolean };
export type VariablePreview = ResolvedVariables & { lead: Record<string, unknown>; phoneVariable: string };
type Delivery = { id: string; crm: Crm | null; createdAt: string; body: string };

export const variableKeys = {
  list: (agentId: string) => ["agents", agentId, "variables"] as const,
  fields: (crm: Crm) => ["crm-fields", crm] as const,
  preview: (agentId: string, input: VariablePreviewInput) => ["agents", agentId, "variables", "preview", input] as const,
};

export function useVariables(agentId: string) {
  return useQuery({
    queryKey: variableKeys.list(agentId),
    queryFn: () => apiFetch<{ variables: Variable[] }>(`/api/v1/agents/${agentId}/variables`).then((r) => r.variables),
  });
}

/** Saves the whole list; the cache shows it at once and returns to the last saved list if the server refuses. */
export function useSaveVariables(agentId: string) {
  const queryClient = useQueryClient();
  const key = variableKeys.list(agentId);
  return useMutation({
    mutationFn: (variables: VariableInput[]) =>
      apiFetch<{ variables: Variable[] }>(`/api/v1/agents/${agentId}/variables`, { method: "PUT", json: { variables } }).then(
        (r) => r.variables,
      ),
    onMutate: async (variables) => {
      await queryClient.cancelQueries({ queryKey: key, exact: true });
      const previous = queryClient.getQueryData<Variable[]>(key);
      queryClient.setQueryData(key, variables);
      return { previous };
    },
    onError: (_err, _variables, context) => queryClient.setQueryData(key, context?.previous),
    onSuccess: (saved) => queryClient.setQueryData(key, saved),
  });
}

const fieldsUrl = (crm: Crm, refresh = false) => `/api/v1/integrations/${crm}/fields${refresh ? "?refresh=1" : ""}`;

export function useCrmFields(crm: Crm) {
  return useQuery({
    queryKey: variableKeys.fields(crm),
    queryFn: () => apiFetch<CrmFieldList>(fieldsUrl(crm)),
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export function useRefreshCrmFields(crm: Crm) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<CrmFieldList>(fieldsUrl(crm, true)),
    onSuccess: (list) => queryClient.setQueryData(variableKeys.fields(crm), list),
  });
}

export function useVariablePreview(agentId: string, input: VariablePreviewInput | null) {
  return useQuery({
    queryKey: variableKeys.preview(agentId, input ?? { variables: [], crm: "leadsquared", sample: "" }),
    queryFn: () => apiFetch<VariablePreview>(`/api/v1/agents/${agentId}/variables/preview`, { method: "POST", json: input }),
    enabled: input !== null,
    retry: false,
    placeholderData: (previous) => previous,
  });
}

/** The body of the newest delivery this agent received, for the preview; null when there is none yet. */
export async function fetchLastDeliveryBody(agentId: string): Promise<Delivery | null> {
  const { deliveries } = await apiFetch<{ deliveries: { id: string }[] }>(
    `/api/v1/deliveries?agent_id=${encodeURIComponent(agentId)}&limit=1`,
  );
  if (!deliveries[0]) return null;
  return apiFetch<{ delivery: Delivery }>(`/api/v1/deliveries/${deliveries[0].id}`).then((r) => r.delivery);
}
