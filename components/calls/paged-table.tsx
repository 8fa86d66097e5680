"use client";

import { Button } from "@/components/ui/button";
import { DataTable, type Column } from "@/components/ui/data-table";

type Pages = { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> };

/** A list newest first (a table, or cards on a phone), with the next keyset page on request. */
export function PagedTable<Row>({
  pages,
  ...table
}: {
  caption: string;
  columns: ReadonlyArray<Column<Row>>;
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  pages: Pages;
}) {
  return (
    <div className="mt-4">
      <DataTable {...table} />
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
    </div>
  );
}
