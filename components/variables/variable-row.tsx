"use client";

import { CRM_NAMES, CRMS } from "@/lib/crm/crms";
import { ArrowDown, ArrowUp, Trash2 } from "lucide-react";
import { Controller, type UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import { FieldCombobox } from "@/components/variables/field-combobox";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import type { CrmField } from "@/lib/crm/fields";
import { VARIABLE_FORMAT_LABELS, VARIABLE_FORMATS, type variableSourceFormSchema } from "@/lib/variables/schema";

export type VariableForm = UseFormReturn<z.input<typeof variableSourceFormSchema>, unknown, z.output<typeof variableSourceFormSchema>>;

type Props = {
  form: VariableForm;
  index: number;
  count: number;
  fieldsFor: (source: string) => readonly CrmField[];
  onMove: (from: number, to: number) => void;
  onRemove: (index: number) => void;
};

/** One variable: its actions on a head line of their own, so they never push past the card at any width. */
export function VariableRow({ form, index, count, fieldsFor, onMove, onRemove }: Props) {
  const errors = form.formState.errors.variables?.[index];
  const source = form.watch(`variables.${index}.source`);
  const typed = form.watch(`variables.${index}.name`);
  const name = typed || `variable ${index + 1}`;
  return (
    <li className="flex min-w-0 flex-col gap-3 rounded-lg border border-slate-200 p-3" aria-label={`Variable ${index + 1}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="min-w-0 text-sm font-medium break-all text-slate-700">
          {index + 1}. {typed ? <code>{`{{${typed}}}`}</code> : "New variable"}
        </p>
        <div className="flex gap-1">
          <Button
            type="button"
            variant="ghost"
            aria-label={`Move ${name} up`}
            disabled={index === 0}
            onClick={() => onMove(index, index - 1)}
          >
            <ArrowUp aria-hidden />
          </Button>
          <Button
            type="button"
            variant="ghost"
            aria-label={`Move ${name} down`}
            disabled={index === count - 1}
            onClick={() => onMove(index, index + 1)}
          >
            <ArrowDown aria-hidden />
          </Button>
          <Button type="button" variant="danger" aria-label={`Remove ${name}`} onClick={() => onRemove(index)}>
            <Trash2 aria-hidden />
            Remove
          </Button>
        </div>
      </div>
      <div className="grid min-w-0 gap-3 sm:grid-cols-2 lg:grid-cols-[minmax(0,1fr)_minmax(0,9rem)_minmax(0,1.4fr)_minmax(0,1.2fr)_minmax(0,1fr)]">
        <TextField
          label="Variable name"
          placeholder="customer_name"
          error={errors?.name?.message}
          {...form.register(`variables.${index}.name`)}
        />
        <SelectField label="Source" error={errors?.source?.message} {...form.register(`variables.${index}.source`)}>
          {CRMS.map((crm) => (
            <option key={crm} value={crm}>
              {CRM_NAMES[crm]}
            </option>
          ))}
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
          {(["", ...VARIABLE_FORMATS] as const).map((f) => (
            <option key={f} value={f}>
              {VARIABLE_FORMAT_LABELS[f]}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Default"
          placeholder="when the lead has none"
          error={errors?.default?.message}
          {...form.register(`variables.${index}.default`)}
        />
      </div>
    </li>
  );
}
