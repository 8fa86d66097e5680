"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import type { CreateMemberInput } from "@/lib/orgs/schema";

export type MemberRow = { id: string; email: string; name: string; role: "admin" | "member"; createdAt: string };

export const memberKeys = { all: ["members"] as const };

export function useMembers() {
  return useQuery({
    queryKey: memberKeys.all,
    queryFn: () => apiFetch<{ members: MemberRow[] }>("/api/v1/members").then((r) => r.members),
  });
}

export function useCreateMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateMemberInput) => apiFetch<{ member: MemberRow }>("/api/v1/members", { method: "POST", json: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: memberKeys.all }),
  });
}

/** Removes a person; the list is read again so everyone sees who is left. */
export function useRemoveMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => apiFetch<{ member: MemberRow }>(`/api/v1/members/${id}`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: memberKeys.all }),
  });
}
