"use client";

import { Plus } from "lucide-react";
import { useFieldArray } from "react-hook-form";
import { MappingRow } from "@/components/lead-sync/mapping-row";
import type { ConnectorForm, MappingList } from "@/components/lead-sync/connector-form-types";
import { Button } from "@/components/ui/button";
import type { CrmField } from "@/lib/crm/fields";

type Props = {
  form: ConnectorForm;
  list: MappingList;
  title: string;
  sourceFields: readonly CrmField[];
  destinationFields: readonly CrmField[];
  searchBy?: { current: string; onMark: (destination: string) => void };
};

/** Edit Mapping (seed 001, §6.2.1): the pre-filled fields, each with a default, a switch and Mark Unique; custom fields added and deleted. */
export function MappingEditor({ form, list, title, sourceFields, destinationFields, searchBy }: Props) {
  const rows = useFieldArray({ control: form.control, name: list });
  const listError =
    list === "config.lead.fields" ? form.formState.errors.config?.lead?.fields : form.formState.errors.config?.activity?.fields;
  return (
    <div className="flex flex-col gap-3">
      <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
      {rows.fields.length === 0 && (
        <p className="text-sm text-slate-600">No fields mapped. Add a custom field, or load both accounts’ fields above.</p>
      )}
      <ol aria-label={title} className="flex flex-col gap-3">
        {rows.fields.map((row, index) => (
          <MappingRow
            key={row.id}
            form={form}
            list={list}
            index={index}
            sourceFields={sourceFields}
            destinationFields={destinationFields}
            searchBy={searchBy}
            onRemove={rows.remove}
          />
        ))}
      </ol>
      {listError?.root?.message && (
        <p role="alert" className="text-sm text-red-700">
          {listError.root.message}
        </p>
      )}
      <div>
        <Button
          type="button"
          variant="secondary"
          onClick={() => rows.append({ source: "", destination: "", enabled: true, defaultValue: null, custom: true })}
        >
          <Plus aria-hidden />
          Add custom field
        </Button>
      </div>
    </div>
  );
}
