"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo } from "react";
import { apiQueryFromUrl, withFilter } from "@/lib/client/url-filters";

/** A list page's filters as they stand in the URL, the API query they mean, and a setter that adds a history entry. */
export function useUrlFilters(keys: readonly string[], zone: string) {
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const query = useMemo(() => apiQueryFromUrl(search, keys, zone), [search, keys, zone]);
  const value = (key: string) => search.get(key) ?? "";
  const set = (changes: Record<string, string>) => router.push(`${pathname}${withFilter(search, changes)}`, { scroll: false });
  return { query, value, set, active: keys.some((k) => search.get(k)) };
}
