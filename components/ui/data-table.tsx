import type { ReactNode } from "react";

export type Column<Row> = {
  header: string;
  cell: (row: Row) => ReactNode;
  /** td classes in the wide table (widths, wrapping) */
  className?: string;
};

/**
 * A list as a table on wide screens and as one card per row below `lg`, so a phone never scrolls sideways
 * to reach a row's status. The first column is the card's title; the rest become labelled lines.
 */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  rowLabel,
}: {
  caption: string;
  columns: ReadonlyArray<Column<Row>>;
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** names a card for screen readers, e.g. the lead's name */
  rowLabel: (row: Row) => string;
}) {
  const [first, ...rest] = columns;
  return (
    <>
      <div className="hidden overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-xs lg:block">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-xs tracking-wide text-slate-600 uppercase">
            <tr>
              {columns.map((c) => (
                <th key={c.header} scope="col" className="px-3 py-2.5 font-medium">
                  {c.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((row) => (
              <tr key={rowKey(row)} data-row className="align-top hover:bg-slate-50/60">
                {columns.map((c) => (
                  <td key={c.header} className={`px-3 py-2.5 ${c.className ?? ""}`}>
                    {c.cell(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul aria-label={caption} className="space-y-3 lg:hidden">
        {rows.map((row) => (
          <li key={rowKey(row)} data-row aria-label={rowLabel(row)} className="rounded-xl border border-slate-200 bg-white p-4 shadow-xs">
            {first && <div className="mb-2 min-w-0 break-words">{first.cell(row)}</div>}
            <dl className="grid grid-cols-[minmax(0,7rem)_minmax(0,1fr)] gap-x-3 gap-y-1.5 text-sm">
              {rest.map((c) => (
                <div key={c.header} className="contents">
                  <dt className="text-slate-600">{c.header}</dt>
                  <dd className="min-w-0 break-words">{c.cell(row)}</dd>
                </div>
              ))}
            </dl>
          </li>
        ))}
      </ul>
    </>
  );
}
