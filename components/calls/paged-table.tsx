"use client";

import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { TableHead } from "@/components/ui/table-head";

type Pages = { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> };

/** A list's table, newest first, with the next keyset page on request. */
export function PagedTable({
  caption,
  columns,
  pages,
  children,
}: {
  caption: string;
  columns: readonly string[];
  pages: Pages;
  children: ReactNode;
}) {
  return (
    <>
      <div className="mt-4 overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{caption}</caption>
          <TableHead columns={columns} />
          <tbody>{children}</tbody>
        </table>
      </div>
      {pages.hasNextPage && (
        <Button
          type="button"
          variant="secondary"
          className="mt-3"
          disabled={pages.isFetchingNextPage}
          onClick={() => void pages.fetchNextPage()}
        >
          {pages.isFetchingNextPage ? "Loading…" : "Load more"}
        </Button>
      )}
    </>
  );
}
