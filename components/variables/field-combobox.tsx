"use client";

import { useId, useState, type KeyboardEvent } from "react";
import { searchFields, type CrmField } from "@/lib/crm/fields";

const MAX_SHOWN = 50;

type Props = {
  label: string;
  value: string;
  onChange: (value: string) => void;
  onBlur: () => void;
  name: string;
  fields: readonly CrmField[];
  error?: string;
};

/**
 * A text input that suggests the CRM's fields as you type (name or label), ARIA combobox style: arrows move, Enter
 * picks, Escape closes. Any text stays allowed, for fields the CRM does not have yet.
 */
export function FieldCombobox({ label, value, onChange, onBlur, name, fields, error }: Props) {
  const id = useId();
  const listId = `${id}-list`;
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const matches = searchFields(fields, value).slice(0, MAX_SHOWN);
  const shown = open && matches.length > 0;

  const pick = (field: CrmField) => {
    onChange(field.name);
    setOpen(false);
    setActive(-1);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      const step = e.key === "ArrowDown" ? 1 : -1;
      setOpen(true);
      setActive((i) => (matches.length ? (i + step + matches.length) % matches.length : -1));
    } else if (e.key === "Enter" && shown && active >= 0) {
      e.preventDefault();
      pick(matches[active]!);
    } else if (e.key === "Escape" && open) {
      e.preventDefault();
      setOpen(false);
    }
  };

  return (
    <div className="relative flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={id}
        name={name}
        value={value}
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={listId}
        aria-activedescendant={shown && active >= 0 ? `${listId}-${active}` : undefined}
        aria-invalid={!!error}
        aria-describedby={error ? `${id}-error` : undefined}
        className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm aria-[invalid=true]:border-red-500"
        onChange={(e) => {
          onChange(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onClick={() => setOpen(true)}
        onKeyDown={onKeyDown}
        onBlur={() => {
          setOpen(false);
          onBlur();
        }}
      />
      {shown && (
        <ul
          id={listId}
          role="listbox"
          aria-label={`${label} suggestions`}
          className="absolute top-full z-20 mt-1 max-h-64 w-full min-w-64 overflow-y-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg"
        >
          {matches.map((f, i) => (
            <li
              key={f.name}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={`flex cursor-pointer flex-wrap items-baseline gap-x-2 px-3 py-1.5 ${i === active ? "bg-brand-50" : "hover:bg-slate-50"}`}
              // mousedown, not click: the input's blur would close the list before a click lands.
              onMouseDown={(e) => {
                e.preventDefault();
                pick(f);
              }}
            >
              <span>{f.label}</span>
              <code className="text-xs text-slate-600">{f.name}</code>
              <span className="text-xs text-slate-400">{f.type}</span>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p id={`${id}-error`} role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
