"use client";

import { CrmZoneOffer } from "@/components/agents/crm-zone-offer";
import { TimeZoneField } from "@/components/settings/time-zone-field";
import { TextField } from "@/components/ui/field";
import { OvernightNotice } from "@/components/webhook-url/overnight-notice";
import type { BuilderForm } from "@/components/webhook-url/webhook-url-builder";

type Props = {
  form: BuilderForm;
  problems: Record<string, string>;
  zonePlaceholder: string;
  window: { from: string; until: string; confirmed: boolean };
};

/** Window, carry-over, retries and one gap input per retry; empty fields fall back to the agent's defaults. */
export function ScheduleFields({ form, problems, zonePlaceholder, window }: Props) {
  const gaps = form.watch("gaps");
  return (
    <fieldset className="flex flex-col gap-4">
      <legend className="font-medium">Schedule</legend>
      <p className="text-sm text-slate-600">Leave a field empty to use the agent’s default schedule for it.</p>
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField label="Call from" type="time" error={problems.min_trigger_time} {...form.register("min_trigger_time")} />
        <TextField label="Call until" type="time" error={problems.max_trigger_time} {...form.register("max_trigger_time")} />
        <div className="flex flex-col gap-1">
          <TimeZoneField label="Time zone" placeholder={zonePlaceholder} error={problems.timezone} {...form.register("timezone")} />
          <CrmZoneOffer current={form.watch("timezone") || zonePlaceholder} onUse={(z) => form.setValue("timezone", z)} />
        </div>
      </div>
      <OvernightNotice
        from={window.from}
        until={window.until}
        confirmed={window.confirmed}
        onConfirm={(yes) => form.setValue("overnightConfirmed", yes)}
        onUseSuggestion={(until) => form.setValue("max_trigger_time", until)}
      />
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" {...form.register("carry_over")} />
        Carry over: a lead outside the window waits for the next window start (otherwise it is called at once)
      </label>
      {problems.carry_over && (
        <p role="alert" className="text-sm text-red-700">
          {problems.carry_over}
        </p>
      )}
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField
          label="Retries"
          type="number"
          min={0}
          max={10}
          inputMode="numeric"
          placeholder="0"
          error={problems.num_of_retries}
          {...form.register("num_of_retries")}
        />
      </div>
      {gaps.length > 0 && (
        <fieldset className="flex flex-col gap-2">
          <legend className="text-sm font-medium text-slate-700">Hours between retries</legend>
          <div className="flex flex-wrap gap-3">
            {gaps.map((_, i) => (
              <div key={i} className={problems[`gaps.${i}`] ? "w-full sm:w-64" : "w-28"}>
                <TextField
                  label={`Before retry ${i + 1}`}
                  inputMode="decimal"
                  placeholder="2"
                  error={problems[`gaps.${i}`]}
                  {...form.register(`gaps.${i}`)}
                />
              </div>
            ))}
          </div>
          {problems.gaps && (
            <p role="alert" className="text-sm text-red-700">
              {problems.gaps}
            </p>
          )}
        </fieldset>
      )}
    </fieldset>
  );
}
