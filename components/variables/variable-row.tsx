"use client";

import { Controller, type UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import { FieldCombobox } from "@/components/variables/field-combobox";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import type { CrmField } from "@/lib/crm/fields";
import { VARIABLE_FORMATS, type variableSourceFormSchema } from "@/lib/variables/schema";

export type VariableForm = UseFormReturn<z.input<typeof variableSourceFormSchema>, unknown, z.output<typeof variableSourceFormSchema>>;

type Props = {
  form: VariableForm;
  index: number;
  count: number;
  fieldsFor: (source: string) => readonly CrmField[];
  onMove: (from: number, to: number) => void;
  onRemove: (index: number) => void;
};

export function VariableRow({ form, index, count, fieldsFor, onMove, onRemove }: Props) {
  const errors = form.formState.errors.variables?.[index];
  const source = form.watch(`variables.${index}.source`);
  const name = form.watch(`variables.${index}.name`) || `variable ${index + 1}`;
  return (
    <li
      className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-2 lg:grid-cols-[1fr_9rem_1.4fr_9rem_1fr_auto]"
      aria-label={`Variable ${index + 1}`}
    >
      <TextField
        label="Variable name"
        placeholder="customer_name"
        error={errors?.name?.message}
        {...form.register(`variables.${index}.name`)}
      />
      <SelectField label="Source" error={errors?.source?.message} {...form.register(`variables.${index}.source`)}>
        <option value="leadsquared">LeadSquared</option>
        <option value="hubspot">HubSpot</option>
      </SelectField>
      <Controller
        control={form.control}
        name={`variables.${index}.field`}
        render={({ field }) => (
          <FieldCombobox
            label="CRM field"
            name={field.name}
            value={field.value ?? ""}
            onChange={field.onChange}
            onBlur={field.onBlur}
            fields={fieldsFor(source)}
            error={errors?.field?.message}
          />
        )}
      />
      <SelectField label="Format" error={errors?.format?.message} {...form.register(`variables.${index}.format`)}>
        <option value="">None (trim)</option>
        {VARIABLE_FORMATS.map((f) => (
          <option key={f} value={f}>
            {f}
          </option>
        ))}
      </SelectField>
      <TextField
        label="Default"
        placeholder="when the lead has none"
        error={errors?.default?.message}
        {...form.register(`variables.${index}.default`)}
      />
      <div className="flex items-end gap-1">
        <Button
          type="button"
          variant="secondary"
          aria-label={`Move ${name} up`}
          disabled={index === 0}
          onClick={() => onMove(index, index - 1)}
        >
          ↑
        </Button>
        <Button
          type="button"
          variant="secondary"
          aria-label={`Move ${name} down`}
          disabled={index === count - 1}
          onClick={() => onMove(index, index + 1)}
        >
          ↓
        </Button>
        <Button type="button" variant="danger" aria-label={`Remove ${name}`} onClick={() => onRemove(index)}>
          Remove
        </Button>
      </div>
    </li>
  );
}
