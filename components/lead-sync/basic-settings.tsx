"use client";

import type { ConnectorForm } from "@/components/lead-sync/connector-form-types";
import { TimeZoneField } from "@/components/settings/time-zone-field";
import { Card } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { usePeople } from "@/lib/client/lead-sync";
import type { UseFormRegisterReturn } from "react-hook-form";

/** Basic Settings (seed 001, §6.1). Search By offers the mapped, enabled lead fields, as the server requires. */
export function BasicSettings({ form }: { form: ConnectorForm }) {
  const { errors } = form.formState;
  const people = usePeople();
  const fields = (form.watch("config.lead.fields") ?? []).filter((f) => f.enabled !== false && f.destination);
  // The selects are controlled: their options arrive with the field lists, after the value was set.
  const searchBy = form.watch("config.searchBy") ?? "";
  const secondary = form.watch("config.secondarySearchBy") ?? "";
  const notifyUserId = form.watch("config.notifyUserId") ?? "";
  const keyOptions = (current: string) => {
    const names = fields.map((f) => f.destination);
    const all = current && !names.some((n) => n.toLowerCase() === current.toLowerCase()) ? [current, ...names] : names;
    return all.map((n) => ({ value: n, label: n }));
  };
  return (
    <Card title="Basic settings">
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Connector name"
          placeholder="Clinic → Patients"
          error={errors.config?.name?.message}
          {...form.register("config.name")}
        />
        <TextField
          label="Lead source"
          placeholder="LeadSquared 2nd account"
          hint="Shown on each synced lead's details page, under Lead Source."
          error={errors.config?.leadSource?.message}
          {...form.register("config.leadSource")}
        />
        <TextField
          label="Default country code"
          placeholder="91"
          hint="Added to a mobile number that arrives without one."
          error={errors.config?.defaultCountryCode?.message}
          {...form.register("config.defaultCountryCode")}
        />
        <TimeZoneField
          label="Source account time zone"
          error={errors.config?.sourceTimeZone?.message}
          {...form.register("config.sourceTimeZone")}
        />
        <ChoiceField
          label="Search By"
          hint="A unique field that identifies the lead in this account; Mark Unique in the mapping sets it too."
          error={errors.config?.searchBy?.message}
          registration={form.register("config.searchBy")}
          value={searchBy}
          none="Choose a mapped field"
          options={keyOptions(searchBy)}
        />
        <ChoiceField
          label="Secondary Search By"
          hint="Tried when Search By finds no lead."
          error={errors.config?.secondarySearchBy?.message}
          registration={form.register("config.secondarySearchBy", { setValueAs: orNull })}
          value={secondary}
          none="None"
          options={keyOptions(secondary)}
        />
        <ChoiceField
          label="User to notify on failure"
          hint="Sees failed jobs on the Lead Sync page, and by email when notifications are on."
          error={errors.config?.notifyUserId?.message ?? people.error?.message}
          registration={form.register("config.notifyUserId", { setValueAs: orNull })}
          value={notifyUserId}
          none="Nobody"
          options={people.data?.map((p) => ({ value: p.id, label: `${p.name} (${p.email})` })) ?? []}
        />
        <label className="flex items-center gap-2 self-end pb-2 text-sm text-slate-700">
          <input type="checkbox" className="size-4 accent-brand-600" {...form.register("config.notify")} />
          Email the user when a job fails
        </label>
      </div>
    </Card>
  );
}

const orNull = (v: string | null) => (v ? v : null);

/** A controlled select of the form with an empty first choice (its options arrive after the value was set). */
function ChoiceField({
  registration,
  none,
  options,
  ...field
}: {
  label: string;
  hint: string;
  error: string | undefined;
  registration: UseFormRegisterReturn;
  value: string;
  none: string;
  options: Array<{ value: string; label: string }>;
}) {
  return (
    <SelectField {...field} {...registration}>
      <option value="">{none}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </SelectField>
  );
}
