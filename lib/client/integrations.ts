"use client";

import type { Crm } from "@/lib/crm/crms";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import type { HubSpotConnectInput, LeadSquaredConnectInput } from "@/lib/integrations/schema";

/** An integration as GET /api/v1/integrations answers it: settings, status and the last four characters of each secret. */
export type IntegrationView = {
  id: string;
  crm: Crm;
  /** LeadSquared: host, account name and the account's IANA time zone; HubSpot: portal id. */
  config: { host?: string; account?: string; timeZone?: string | null; portalId?: number | null };
  status: "connected" | "error";
  lastCheckedAt: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  secretHints: Partial<Record<"accessKey" | "secretKey" | "token" | "clientSecret", string>>;
};

export type ConnectInput = { leadsquared: LeadSquaredConnectInput; hubspot: HubSpotConnectInput };

export const integrationKeys = { all: ["integrations"] as const };

export function useIntegrations() {
  return useQuery({
    queryKey: integrationKeys.all,
    queryFn: () => apiFetch<{ integrations: IntegrationView[] }>("/api/v1/integrations").then((r) => r.integrations),
  });
}

/** Every change answers with the integration (or nothing), so the list is simply read again. */
function useIntegrationMutation<V, R>(request: (input: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: request, onSettled: () => queryClient.invalidateQueries({ queryKey: integrationKeys.all }) });
}

export function useConnectIntegration<C extends Crm>(crm: C) {
  return useIntegrationMutation((input: ConnectInput[C]) =>
    apiFetch<{ integration: IntegrationView }>(`/api/v1/integrations/${crm}`, { method: "PUT", json: input }).then((r) => r.integration),
  );
}

export function useTestIntegration(crm: Crm) {
  return useIntegrationMutation(() =>
    apiFetch<{ integration: IntegrationView }>(`/api/v1/integrations/${crm}/test`, { method: "POST" }).then((r) => r.integration),
  );
}

export function useDisconnectIntegration(crm: Crm) {
  return useIntegrationMutation(() => apiFetch<null>(`/api/v1/integrations/${crm}`, { method: "DELETE" }));
}
