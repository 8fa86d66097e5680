"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CallWebhookDelivery } from "@/lib/call-webhooks/deliveries";
import type { CallWebhookEvents, CallWebhookSettings } from "@/lib/call-webhooks/schema";
import { apiFetch } from "@/lib/client/api";

export type CallWebhookRow = {
  id: string;
  scope: string;
  agentId: string | null;
  url: string;
  events: CallWebhookEvents;
  enabled: boolean;
  disabledReason: string | null;
  secretHint: string;
  secretRotatedAt: string;
  createdAt: string;
  updatedAt: string;
};

type Saved = { endpoint: CallWebhookRow; secret: string | null };

export const callWebhookKeys = {
  all: ["call-webhooks"] as const,
  detail: (scope: string) => ["call-webhooks", "endpoint", scope] as const,
};

const path = (scope: string) => `/api/v1/call-webhooks/${encodeURIComponent(scope)}`;

export function useCallWebhook(scope: string) {
  return useQuery({
    queryKey: callWebhookKeys.detail(scope),
    queryFn: () => apiFetch<{ endpoint: CallWebhookRow | null }>(path(scope)).then((r) => r.endpoint),
  });
}

export function useSaveCallWebhook(scope: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CallWebhookSettings) => apiFetch<Saved>(path(scope), { method: "PUT", json: input }),
    onSuccess: (saved) => queryClient.setQueryData(callWebhookKeys.detail(scope), saved.endpoint),
  });
}

export function useRotateCallWebhookSecret(scope: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<{ endpoint: CallWebhookRow; secret: string }>(`${path(scope)}/secret`, { method: "POST" }),
    onSuccess: (saved) => queryClient.setQueryData(callWebhookKeys.detail(scope), saved.endpoint),
  });
}

export function useDeleteCallWebhook(scope: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<null>(path(scope), { method: "DELETE" }),
    onSuccess: () => queryClient.setQueryData(callWebhookKeys.detail(scope), null),
  });
}

const deliveryKeys = {
  all: ["call-webhooks", "deliveries"] as const,
  list: (filter: Record<string, string>) => ["call-webhooks", "deliveries", filter] as const,
};

/** The delivery log, polled while it is on screen: posts go out in the background. */
export function useCallWebhookDeliveries(filter: Record<string, string>) {
  return useQuery({
    queryKey: deliveryKeys.list(filter),
    queryFn: () =>
      apiFetch<{ deliveries: CallWebhookDelivery[] }>(`/api/v1/call-webhooks/deliveries?${new URLSearchParams(filter)}`).then(
        (r) => r.deliveries,
      ),
    refetchInterval: 2_000,
  });
}

export function useReplayCallWebhookDelivery() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      apiFetch<{ delivery: CallWebhookDelivery }>(`/api/v1/call-webhooks/deliveries/${encodeURIComponent(id)}/replay`, {
        method: "POST",
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: deliveryKeys.all }),
  });
}
