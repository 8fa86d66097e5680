"use client";

import { SelectField, TextField } from "@/components/ui/field";

export type Filters = { value: (key: string) => string; set: (changes: Record<string, string>) => void; active: boolean };

export const label = (text: string) => text.replace(/_/g, " ");

export function Choice({
  name,
  text,
  options,
  filters,
  anyLabel = "Any",
}: {
  name: string;
  text: string;
  options: ReadonlyArray<readonly [string, string]>;
  filters: Filters;
  /** What the empty choice means, when it is not "any" (e.g. a default range). */
  anyLabel?: string;
}) {
  return (
    <SelectField label={text} value={filters.value(name)} onChange={(e) => filters.set({ [name]: e.target.value })}>
      <option value="">{anyLabel}</option>
      {options.map(([value, shown]) => (
        <option key={value} value={value}>
          {shown}
        </option>
      ))}
    </SelectField>
  );
}

/** From/to days and a reset, shared by Call History and the delivery log. */
export function DateRange({ filters }: { filters: Filters }) {
  return (
    <>
      <TextField label="From" type="date" value={filters.value("from")} onChange={(e) => filters.set({ from: e.target.value })} />
      <TextField label="To" type="date" value={filters.value("to")} onChange={(e) => filters.set({ to: e.target.value })} />
    </>
  );
}
