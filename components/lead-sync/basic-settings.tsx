"use client";

import type { ConnectorForm } from "@/components/lead-sync/connector-form-types";
import { TimeZoneField } from "@/components/settings/time-zone-field";
import { Card } from "@/components/ui/card";
import { SelectField, TextField } from "@/components/ui/field";
import { usePeople } from "@/lib/client/lead-sync";

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
    return current && !names.some((n) => n.toLowerCase() === current.toLowerCase()) ? [current, ...names] : names;
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
        <SelectField
          label="Search By"
          hint="A unique field that identifies the lead in this account; Mark Unique in the mapping sets it too."
          error={errors.config?.searchBy?.message}
          {...form.register("config.searchBy")}
          value={searchBy}
        >
          <option value="">Choose a mapped field</option>
          {keyOptions(searchBy).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Secondary Search By"
          hint="Tried when Search By finds no lead."
          error={errors.config?.secondarySearchBy?.message}
          {...form.register("config.secondarySearchBy", { setValueAs: (v: string | null) => (v ? v : null) })}
          value={secondary}
        >
          <option value="">None</option>
          {keyOptions(secondary).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="User to notify on failure"
          hint="Sees failed jobs on the Lead Sync page, and by email when notifications are on."
          error={errors.config?.notifyUserId?.message ?? people.error?.message}
          {...form.register("config.notifyUserId", { setValueAs: (v: string | null) => (v ? v : null) })}
          value={notifyUserId}
        >
          <option value="">Nobody</option>
          {people.data?.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.email})
            </option>
          ))}
        </SelectField>
        <label className="flex items-center gap-2 self-end pb-2 text-sm text-slate-700">
          <input type="checkbox" className="size-4 accent-brand-600" {...form.register("config.notify")} />
          Email the user when a job fails
        </label>
      </div>
    </Card>
  );
}
