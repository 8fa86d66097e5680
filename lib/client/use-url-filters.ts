"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useMemo, useRef } from "react";
import { apiQueryFromUrl, withFilter } from "@/lib/client/url-filters";

/** A list page's filters as they stand in the URL, the API query they mean, and a setter that adds a history entry. */
export function useUrlFilters(keys: readonly string[], zone: string) {
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  // Changes made before the previous one's navigation rendered build on it, not on the URL as last rendered (which
  // would quietly undo it: pick "All" then "Today" quickly, and the old status came back).
  const pending = useRef<URLSearchParams | null>(null);
  useEffect(() => {
    pending.current = null;
  }, [search]);
  const query = useMemo(() => apiQueryFromUrl(search, keys, zone), [search, keys, zone]);
  const value = (key: string) => search.get(key) ?? "";
  const set = (changes: Record<string, string>) => {
    const href = withFilter(pending.current ?? new URLSearchParams(search), changes);
    pending.current = new URLSearchParams(href);
    router.push(`${pathname}${href}`, { scroll: false });
  };
  return { query, value, set, active: keys.some((k) => search.get(k)) };
}
