"use client";

import { Trash2 } from "lucide-react";
import { Controller } from "react-hook-form";
import { FieldCombobox } from "@/components/variables/field-combobox";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import type { CrmField } from "@/lib/crm/fields";
import type { ConnectorForm, MappingList } from "@/components/lead-sync/connector-form-types";

type Props = {
  form: ConnectorForm;
  list: MappingList;
  index: number;
  sourceFields: readonly CrmField[];
  destinationFields: readonly CrmField[];
  /** Only the lead entity has Search By: its rows offer Mark Unique. */
  searchBy?: { current: string; onMark: (destination: string) => void };
  onRemove: (index: number) => void;
};

/** One mapped field: source → destination, its default, its switch, Mark Unique and, for custom rows, delete. */
export function MappingRow({ form, list, index, sourceFields, destinationFields, searchBy, onRemove }: Props) {
  const path = `${list}.${index}` as const;
  const errors =
    list === "config.lead.fields"
      ? form.formState.errors.config?.lead?.fields?.[index]
      : form.formState.errors.config?.activity?.fields?.[index];
  const destination = form.watch(`${path}.destination`) ?? "";
  const enabled = form.watch(`${path}.enabled`) ?? true;
  const custom = form.watch(`${path}.custom`) ?? false;
  const isKey = !!searchBy && !!destination && searchBy.current.toLowerCase() === destination.toLowerCase();
  const name = destination || `field ${index + 1}`;
  return (
    <li
      aria-label={`Mapping ${name}`}
      className={`flex min-w-0 flex-col gap-3 rounded-lg border p-3 ${enabled ? "border-slate-200" : "border-dashed border-slate-300 bg-slate-50"}`}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="min-w-0 text-sm font-medium break-all text-slate-700">
          {destination || "New field"}
          {custom && <span className="ml-2 text-xs font-normal text-slate-500">custom</span>}
          {isKey && (
            <span className="ml-2 rounded-full border border-brand-100 bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-700">
              Search By
            </span>
          )}
        </p>
        <div className="flex flex-wrap items-center gap-2">
          <label className="inline-flex items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              role="switch"
              className="size-4 accent-brand-600"
              aria-label={`Sync ${name}`}
              {...form.register(`${path}.enabled`)}
            />
            Sync
          </label>
          {searchBy && (
            <Button
              type="button"
              variant="secondary"
              aria-pressed={isKey}
              aria-label={`Mark ${name} unique`}
              disabled={!destination || !enabled}
              onClick={() => searchBy.onMark(destination)}
            >
              Mark Unique
            </Button>
          )}
          {custom && (
            <Button type="button" variant="danger" aria-label={`Delete ${name}`} onClick={() => onRemove(index)}>
              <Trash2 aria-hidden />
              Delete
            </Button>
          )}
        </div>
      </div>
      <div className="grid min-w-0 gap-3 sm:grid-cols-3">
        <Controller
          control={form.control}
          name={`${path}.source`}
          render={({ field }) => (
            <FieldCombobox
              label="Source field"
              name={field.name}
              value={field.value ?? ""}
              onChange={field.onChange}
              onBlur={field.onBlur}
              fields={sourceFields}
              error={errors?.source?.message}
            />
          )}
        />
        <Controller
          control={form.control}
          name={`${path}.destination`}
          render={({ field }) => (
            <FieldCombobox
              label="Destination field"
              name={field.name}
              value={field.value ?? ""}
              onChange={field.onChange}
              onBlur={field.onBlur}
              fields={destinationFields}
              error={errors?.destination?.message}
            />
          )}
        />
        <TextField
          label="Default value"
          placeholder="when the source sends nothing"
          hint="Used only when the source sends nothing and the lead's field here is empty."
          error={errors?.defaultValue?.message}
          {...form.register(`${path}.defaultValue`, { setValueAs: (v: string) => (v === "" || v === null ? null : v) })}
        />
      </div>
    </li>
  );
}
