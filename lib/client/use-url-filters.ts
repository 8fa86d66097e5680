"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useMemo, useRef } from "react";
import { apiQueryFromUrl, withFilter } from "@/lib/client/url-filters";

/** A list page's filters as they stand in the URL, the API query they mean, and a setter that adds a history entry. */
export function useUrlFilters(keys: readonly string[], zone: string) {
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  // Changes whose navigation has not rendered yet, oldest first. A change builds on the newest of them, not on the URL
  // as last rendered (which would quietly undo them: pick "All" then "Today" quickly, and the old status came back).
  const inFlight = useRef<string[]>([]);
  useEffect(() => {
    const rendered = inFlight.current.indexOf(search.toString());
    // A change rendered: it and those before it are done. Any other URL (Back, a link) ends them all.
    inFlight.current = rendered >= 0 ? inFlight.current.slice(rendered + 1) : [];
  }, [search]);
  const query = useMemo(() => apiQueryFromUrl(search, keys, zone), [search, keys, zone]);
  const value = (key: string) => search.get(key) ?? "";
  const set = (changes: Record<string, string>) => {
    const base = inFlight.current.at(-1);
    const href = withFilter(new URLSearchParams(base ?? search.toString()), changes);
    inFlight.current.push(href.slice(1));
    router.push(`${pathname}${href}`, { scroll: false });
  };
  return { query, value, set, active: keys.some((k) => search.get(k)) };
}
