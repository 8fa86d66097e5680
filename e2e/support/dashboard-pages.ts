import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/** Folders under `dir` holding `file`, as URL paths: route groups dropped, each `[param]` filled with every id given. */
export function routesOf(dir: string, file: string, ids: Record<string, string[]>): string[] {
  const found: string[] = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = path.posix.join(rel, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (
        entry.name === file &&
        (file !== "route.ts" ||
          /export (const|async function) GET\b|export \{[^}]*\bGET\b/.test(readFileSync(path.join(dir, child), "utf8")))
      )
        found.push(rel);
    }
  };
  walk("");
  return found.flatMap((rel) =>
    rel
      .split("/")
      .filter((s) => s && !/^\(.+\)$/.test(s))
      .reduce<string[]>(
        (paths, segment) => {
          const param = /^\[(.+)\]$/.exec(segment)?.[1];
          if (!param) return paths.map((p) => `${p}/${segment}`);
          const values = ids[param];
          if (!values) throw new Error(`${dir}/${rel} has [${param}]: give the sweep a real ${param} so the page is checked.`);
          return paths.flatMap((p) => values.map((v) => `${p}/${v}`));
        },
        [""],
      )
      .map((p) => p || "/"),
  );
}

/** Every dashboard page, found from the app/(dashboard) folders, so a page added later is checked without a list to update. */
export function dashboardPages(ids: Record<string, string[]>): string[] {
  return routesOf("app/(dashboard)", "page.tsx", ids);
}
