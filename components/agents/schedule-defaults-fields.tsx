"use client";

import { useWatch, type UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import { SelectField, TextField } from "@/components/ui/field";
import { OvernightNotice } from "@/components/webhook-url/overnight-notice";
import type { agentInputSchema, AgentInput } from "@/lib/agents/schema";

/** The agent's schedule when a webhook URL sets none, in the URL's own terms. */
type Props = {
  form: UseFormReturn<AgentInput, unknown, z.output<typeof agentInputSchema>>;
  overnight: { confirmed: boolean; onConfirm: (confirmed: boolean) => void };
};

export function ScheduleDefaultsFields({ form, overnight }: Props) {
  const errors = form.formState.errors.scheduleDefaults;
  const from = useWatch({ control: form.control, name: "scheduleDefaults.min_trigger_time" }) ?? "";
  const until = useWatch({ control: form.control, name: "scheduleDefaults.max_trigger_time" }) ?? "";
  return (
    <fieldset className="grid gap-4 sm:grid-cols-3">
      <legend className="mb-2 font-medium">Default schedule</legend>
      <p className="text-sm text-slate-600 sm:col-span-3">
        Used when the webhook URL leaves a parameter out. Leave empty to call at once, without retries.
      </p>
      <TextField
        label="Calling window from"
        type="time"
        error={errors?.min_trigger_time?.message}
        {...form.register("scheduleDefaults.min_trigger_time")}
      />
      <TextField
        label="Calling window until"
        type="time"
        error={errors?.max_trigger_time?.message}
        {...form.register("scheduleDefaults.max_trigger_time")}
      />
      <div className="sm:col-span-3">
        <OvernightNotice
          from={from}
          until={until}
          confirmed={overnight.confirmed}
          onConfirm={overnight.onConfirm}
          onUseSuggestion={(end) => form.setValue("scheduleDefaults.max_trigger_time", end)}
        />
      </div>
      <SelectField label="Outside the window" error={errors?.carry_over?.message} {...form.register("scheduleDefaults.carry_over")}>
        <option value="">Call at once (default)</option>
        <option value="true">Carry over to the next window</option>
      </SelectField>
      <TextField
        label="Retries"
        inputMode="numeric"
        placeholder="0"
        error={errors?.num_of_retries?.message}
        {...form.register("scheduleDefaults.num_of_retries")}
      />
      <TextField
        label="Hours between retries"
        placeholder="2,4,6"
        hint="One number per retry, comma-separated."
        error={errors?.gap_between_retries?.message}
        {...form.register("scheduleDefaults.gap_between_retries")}
      />
    </fieldset>
  );
}
