/** The header row of a data table: one column heading each. */
export function TableHead({ columns }: { columns: readonly string[] }) {
  return (
    <thead className="text-slate-500">
      <tr>
        {columns.map((h) => (
          <th key={h} scope="col" className="px-3 py-2 font-medium">
            {h}
          </th>
        ))}
      </tr>
    </thead>
  );
}
