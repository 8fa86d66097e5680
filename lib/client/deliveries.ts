"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import { useKeysetPages } from "@/lib/client/keyset-pages";

export type DeliveryRow = {
  id: string;
  agentId: string | null;
  crm: string | null;
  status: string;
  httpStatus: number;
  contentType: string | null;
  eventType: string | null;
  accepted: number;
  duplicates: number;
  rejected: number;
  errorCode: string | null;
  errorMessage: string | null;
  firstRejection: string | null;
  createdAt: string;
};

export type DeliveryLeadRow = {
  id: string;
  crmLeadId: string | null;
  eventId: string | null;
  status: string;
  reason: string | null;
  callTaskId: string | null;
};
export type DeliveryDetail = Omit<DeliveryRow, "firstRejection"> & {
  query: Record<string, string>;
  body: string;
  bodyBytes: number;
  leads: DeliveryLeadRow[];
};

export const DELIVERY_FILTER_KEYS = ["agent_id", "crm", "status", "from", "to"] as const;

export const deliveryKeys = {
  list: (query: Record<string, string>) => ["deliveries", "list", query] as const,
  detail: (id: string) => ["deliveries", "detail", id] as const,
};

export function useDeliveryPages(query: Record<string, string>) {
  return useKeysetPages<"deliveries", DeliveryRow>(deliveryKeys.list(query), "/api/v1/deliveries", "deliveries", query, 5_000);
}

export function useDelivery(id: string) {
  return useQuery({
    queryKey: deliveryKeys.detail(id),
    queryFn: () => apiFetch<{ delivery: DeliveryDetail }>(`/api/v1/deliveries/${id}`).then((r) => r.delivery),
  });
}

/** Runs a stored delivery again; the answer is the new delivery it became. */
export function useReplayDelivery(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<{ delivery: DeliveryDetail }>(`/api/v1/deliveries/${id}/replay`, { method: "POST" }).then((r) => r.delivery),
    onSuccess: (delivery) => {
      queryClient.setQueryData(deliveryKeys.detail(delivery.id), delivery);
      void queryClient.invalidateQueries({ queryKey: ["deliveries", "list"] });
    },
  });
}
