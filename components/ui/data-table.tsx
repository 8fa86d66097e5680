import type { ReactNode } from "react";

export type Column<Row> = {
  header: string;
  cell: (row: Row) => ReactNode;
  /** td classes in the wide table (widths, wrapping) */
  className?: string;
};

// Below lg each row is a card: the first cell is its title, every other cell a line labelled by its column (the
// header row is hidden there). One markup for both, with explicit roles so a re-displayed table stays a table.
const CELL =
  "grid grid-cols-[minmax(0,7rem)_minmax(0,1fr)] gap-x-3 py-1 break-words before:text-slate-600 before:content-[attr(data-label)] " +
  "lg:table-cell lg:px-3 lg:py-2.5 lg:before:content-none";
const FIRST_CELL = "block pb-2 break-words lg:table-cell lg:px-3 lg:py-2.5";

/** A list as a table on wide screens and as one card per row on phones, so no row's status is ever off-screen. */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  framed = true,
}: {
  caption: string;
  columns: ReadonlyArray<Column<Row>>;
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** false inside a Card, which already draws the frame */
  framed?: boolean;
}) {
  return (
    <div className={`lg:overflow-x-auto ${framed ? "lg:rounded-xl lg:border lg:border-slate-200 lg:bg-white lg:shadow-xs" : ""}`}>
      <table role="table" className="block w-full text-left text-sm lg:table">
        <caption className="sr-only">{caption}</caption>
        <thead className="hidden border-b border-slate-200 bg-slate-50 text-xs tracking-wide text-slate-600 uppercase lg:table-header-group">
          <tr role="row">
            {columns.map((c) => (
              <th key={c.header} role="columnheader" scope="col" className="px-3 py-2.5 font-medium">
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="block space-y-3 lg:table-row-group lg:space-y-0 lg:divide-y lg:divide-slate-100">
          {rows.map((row) => (
            <tr
              key={rowKey(row)}
              role="row"
              className="block rounded-xl border border-slate-200 bg-white p-4 align-top shadow-xs lg:table-row lg:rounded-none lg:border-0 lg:p-0 lg:shadow-none lg:hover:bg-slate-50/60"
            >
              {columns.map((c, i) => (
                <td key={c.header} role="cell" data-label={c.header} className={`${i === 0 ? FIRST_CELL : CELL} ${c.className ?? ""}`}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
