"use client";

import type { BuilderForm } from "@/components/webhook-url/webhook-url-builder";

type Props = {
  legend: string;
  form: BuilderForm;
  name: "crm" | "keyMode";
  options: { value: string; label: string; disabled?: boolean }[];
  hint?: string;
  error?: string;
};

/** A radio group: arrow keys move between the options, as in any native radio group. */
export function ChoiceGroup({ legend, form, name, options, hint, error }: Props) {
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {options.map((o) => (
          <label key={o.value} className={`flex items-center gap-2 text-sm ${o.disabled ? "text-slate-400" : ""}`}>
            <input type="radio" value={o.value} disabled={o.disabled} {...form.register(name)} />
            {o.label}
          </label>
        ))}
      </div>
      {hint && <p className="text-xs text-slate-500">{hint}</p>}
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}
