"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";

/**
 * A newest-first list read page by page with the API's next_cursor, refreshed every `everyMs` while the tab is
 * visible (polling stops in a hidden tab).
 */
export function useKeysetPages<K extends string, Row>(
  key: readonly unknown[],
  path: string,
  rowsKey: K,
  query: Record<string, string>,
  everyMs: number,
) {
  return useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam }) =>
      apiFetch<Record<K, Row[]> & { next_cursor: string | null }>(
        `${path}?${new URLSearchParams({ ...query, ...(pageParam ? { cursor: pageParam } : {}) })}`,
      ),
    initialPageParam: "",
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    refetchInterval: everyMs,
    refetchIntervalInBackground: false,
  });
}
