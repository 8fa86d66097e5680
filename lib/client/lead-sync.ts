"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import { useKeysetPages } from "@/lib/client/keyset-pages";
import type { CrmField } from "@/lib/crm/fields";
import type { z } from "zod";
import type { LeadSyncAccessInput, LeadSyncConfig, LeadSyncConnectorInput, leadSyncConnectorInputSchema } from "@/lib/lead-sync/schema";
import type { LeadResult } from "@/lib/lead-sync/sync-lead";

type Keys = { accessKey: string; secretKey: string } | null;

/** A connector as the API answers it: the configuration, both accounts with their keys' last four characters, the URL. */
export type ConnectorView = {
  id: string;
  enabled: boolean;
  config: LeadSyncConfig;
  source: { host: string; accountId: string; keys: Keys };
  destination: { useIntegration: boolean; host: string; accountId: string; keys: Keys };
  fields: FieldLists;
  fieldsFetchedAt: string;
  webhookUrl: string;
  lastJob: { id: string; status: string; receivedAt: string } | null;
  createdAt: string;
  updatedAt: string;
};

export type FieldLists = { source: CrmField[]; destination: CrmField[] };

export type LogRow = {
  jobId: string;
  position: number;
  connectorId: string;
  jobStatus: string;
  outcome: string;
  fixed: boolean;
  searchField: string | null;
  searchValue: string | null;
  sourceLeadId: string | null;
  destinationLeadId: string | null;
  error: string | null;
  leadBehaviour: string;
  receivedAt: string;
};

/** One lead of a job as the API answers it: the stored LeadResult's fields the detail page shows, by run position. */
export type JobResult = Pick<
  LeadResult,
  | "outcome"
  | "sourceLeadId"
  | "destinationLeadId"
  | "searchField"
  | "searchValue"
  | "apiUrl"
  | "request"
  | "response"
  | "error"
  | "activityOutcome"
  | "activityError"
> & { position: number; fixed: boolean };

export type JobDetail = {
  id: string;
  connectorId: string;
  status: string;
  contentType: string | null;
  query: Record<string, string>;
  body: string;
  leadCount: number;
  leadBehaviour: string;
  activityBehaviour: string | null;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  error: string | null;
  runs: number;
  receivedAt: string;
  finishedAt: string | null;
  results: JobResult[];
};

export type Notice = { id: string; jobId: string; connectorId: string; connectorName: string; message: string; createdAt: string };

export const LOG_FILTER_KEYS = ["view", "range", "job_status", "sync_status"] as const;

export const leadSyncKeys = {
  connectors: ["lead-sync", "connectors"] as const,
  connector: (id: string) => ["lead-sync", "connectors", id] as const,
  logs: (connectorId: string, query: Record<string, string>) => ["lead-sync", "logs", connectorId, query] as const,
  job: (id: string) => ["lead-sync", "jobs", id] as const,
  notices: ["lead-sync", "notices"] as const,
  people: ["lead-sync", "people"] as const,
  access: ["lead-sync", "access"] as const,
};

const connectorUrl = (id: string) => `/api/v1/lead-sync/connectors/${id}`;

export function useConnector(id: string, initial?: ConnectorView) {
  return useQuery({
    queryKey: leadSyncKeys.connector(id),
    queryFn: () => apiFetch<{ connector: ConnectorView }>(connectorUrl(id)).then((r) => r.connector),
    initialData: initial,
  });
}

/** Both accounts' lead fields, read with the keys typed (or stored), to pre-fill the mapping. */
export function useLoadFields() {
  return useMutation({
    mutationFn: (input: Pick<z.input<typeof leadSyncConnectorInputSchema>, "source" | "destination"> & { connectorId?: string }) =>
      apiFetch<FieldLists>("/api/v1/lead-sync/fields", { method: "POST", json: input }),
  });
}

export function useSaveConnector(id?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LeadSyncConnectorInput) =>
      apiFetch<{ connector: ConnectorView }>(id ? connectorUrl(id) : "/api/v1/lead-sync/connectors", {
        method: id ? "PUT" : "POST",
        json: input,
      }).then((r) => r.connector),
    onSuccess: (connector) => {
      queryClient.setQueryData(leadSyncKeys.connector(connector.id), connector);
      void queryClient.invalidateQueries({ queryKey: leadSyncKeys.connectors });
    },
  });
}

export function useSetConnectorEnabled(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (enabled: boolean) =>
      apiFetch<{ connector: ConnectorView }>(`${connectorUrl(id)}/${enabled ? "enable" : "disable"}`, { method: "POST" }).then(
        (r) => r.connector,
      ),
    onSuccess: (connector) => queryClient.setQueryData(leadSyncKeys.connector(id), connector),
  });
}

/** A new webhook secret; the answer carries the new URL, and the old one is refused like a wrong secret. */
export function useRotateConnectorSecret(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<{ connector: ConnectorView }>(`${connectorUrl(id)}/secret`, { method: "POST" }).then((r) => r.connector),
    onSuccess: (connector) => queryClient.setQueryData(leadSyncKeys.connector(id), connector),
  });
}

export function useRemoveConnector(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<{ removed: string }>(connectorUrl(id), { method: "DELETE" }),
    onSuccess: () => queryClient.removeQueries({ queryKey: leadSyncKeys.connector(id) }),
  });
}

export function useSyncLogs(connectorId: string, query: Record<string, string>) {
  return useKeysetPages<"rows", LogRow>(
    leadSyncKeys.logs(connectorId, query),
    `/api/v1/lead-sync/connectors/${connectorId}/logs`,
    "rows",
    query,
    5_000,
  );
}

export function useJob(id: string) {
  return useQuery({
    queryKey: leadSyncKeys.job(id),
    queryFn: () => apiFetch<{ job: JobDetail }>(`/api/v1/lead-sync/jobs/${id}`).then((r) => r.job),
    // A queued or running job changes on its own; poll until it settles.
    refetchInterval: (q) => (q.state.data && ["queued", "running"].includes(q.state.data.status) ? 1_000 : false),
  });
}

/** Runs a failed job again with the connector's current mapping. */
export function useRetryJob(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<{ job: JobDetail }>(`/api/v1/lead-sync/jobs/${id}/retry`, { method: "POST" }).then((r) => r.job),
    onSuccess: (job) => {
      queryClient.setQueryData(leadSyncKeys.job(id), job);
      void queryClient.invalidateQueries({ queryKey: ["lead-sync", "logs"] });
      void queryClient.invalidateQueries({ queryKey: leadSyncKeys.notices });
    },
  });
}

export function useNotices() {
  return useQuery({
    queryKey: leadSyncKeys.notices,
    queryFn: () => apiFetch<{ notices: Notice[] }>("/api/v1/lead-sync/notices").then((r) => r.notices),
    refetchInterval: 15_000,
  });
}

export function useDismissNotices() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) => apiFetch<{ dismissed: number }>("/api/v1/lead-sync/notices", { method: "POST", json: { ids } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: leadSyncKeys.notices }),
  });
}

/** The organisation's people, for "user to notify on failure" (managers who are not admins cannot list members). */
export function usePeople() {
  return useQuery({
    queryKey: leadSyncKeys.people,
    queryFn: () =>
      apiFetch<{ people: Array<{ id: string; name: string; email: string }> }>("/api/v1/lead-sync/people").then((r) => r.people),
  });
}

export type AccessView = LeadSyncAccessInput & { grantedUserIds: string[] };

export function useLeadSyncAccess() {
  return useQuery({
    queryKey: leadSyncKeys.access,
    queryFn: () => apiFetch<{ access: AccessView }>("/api/v1/lead-sync/access").then((r) => r.access),
  });
}

export function useSaveLeadSyncAccess() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LeadSyncAccessInput) =>
      apiFetch<{ access: AccessView }>("/api/v1/lead-sync/access", { method: "PUT", json: input }).then((r) => r.access),
    onSuccess: (access) => queryClient.setQueryData(leadSyncKeys.access, access),
  });
}

export function useGrantLeadSync() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, granted }: { userId: string; granted: boolean }) =>
      apiFetch<{ access: AccessView }>(`/api/v1/lead-sync/access/members/${userId}`, { method: "PUT", json: { granted } }).then(
        (r) => r.access,
      ),
    onSuccess: (access) => queryClient.setQueryData(leadSyncKeys.access, access),
  });
}
