"use client";

import type { UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import { SelectField, TextField } from "@/components/ui/field";
import type { agentInputSchema, AgentInput } from "@/lib/agents/schema";

/** The agent's schedule when a webhook URL sets none, in the URL's own terms. */
export function ScheduleDefaultsFields({ form }: { form: UseFormReturn<AgentInput, unknown, z.output<typeof agentInputSchema>> }) {
  const errors = form.formState.errors.scheduleDefaults;
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
