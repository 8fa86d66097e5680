"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import type { DeliveryRow } from "@/lib/client/deliveries";
import type { Crm } from "@/lib/crm/crms";
import type { LeadSquaredWebhookInput } from "@/lib/crm/leadsquared/webhook-schema";

/** A webhook Leadline registered in LeadSquared, as /api/v1/integrations/leadsquared/webhooks answers it. */
export type RegisteredWebhook = {
  id: string;
  agentId: string;
  externalId: string;
  url: string;
  event: string;
  eventLabel: string;
  description: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
};

const BASE = "/api/v1/integrations/leadsquared/webhooks";
export const crmWebhookKeys = {
  list: (agentId: string) => ["crm-webhooks", agentId] as const,
  lastDelivery: (agentId: string, crm: string) => ["deliveries", "last", agentId, crm] as const,
};

export function useLeadSquaredWebhooks(agentId: string) {
  return useQuery({
    queryKey: crmWebhookKeys.list(agentId),
    queryFn: () => apiFetch<{ webhooks: RegisteredWebhook[] }>(`${BASE}?agent_id=${encodeURIComponent(agentId)}`).then((r) => r.webhooks),
  });
}

function useWebhookMutation<V, R>(agentId: string, request: (input: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: request, onSettled: () => queryClient.invalidateQueries({ queryKey: crmWebhookKeys.list(agentId) }) });
}

export function useRegisterLeadSquaredWebhook(agentId: string) {
  return useWebhookMutation(agentId, (input: LeadSquaredWebhookInput) =>
    apiFetch<{ webhook: RegisteredWebhook }>(BASE, { method: "POST", json: input }).then((r) => r.webhook),
  );
}

export function useUpdateLeadSquaredWebhook(agentId: string) {
  return useWebhookMutation(agentId, ({ id, input }: { id: string; input: LeadSquaredWebhookInput }) =>
    apiFetch<{ webhook: RegisteredWebhook }>(`${BASE}/${id}`, { method: "PUT", json: input }).then((r) => r.webhook),
  );
}

export function useForgetLeadSquaredWebhook(agentId: string) {
  return useWebhookMutation(agentId, (id: string) => apiFetch<null>(`${BASE}/${id}`, { method: "DELETE" }));
}

/** The newest delivery for this agent from this CRM, polled every 3 s until one has arrived, then every 15 s. */
export function useLastDelivery(agentId: string, crm: Crm) {
  return useQuery({
    queryKey: crmWebhookKeys.lastDelivery(agentId, crm),
    queryFn: () =>
      apiFetch<{ deliveries: DeliveryRow[] }>(`/api/v1/deliveries?agent_id=${encodeURIComponent(agentId)}&crm=${crm}&limit=1`).then(
        (r) => r.deliveries[0] ?? null,
      ),
    refetchInterval: (query) => (query.state.data ? 15_000 : 3_000),
  });
}
