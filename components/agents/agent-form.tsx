"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import type { z } from "zod";
import { CrmZoneOffer } from "@/components/agents/crm-zone-offer";
import { ScheduleDefaultsFields } from "@/components/agents/schedule-defaults-fields";
import { TimeZoneField } from "@/components/settings/time-zone-field";
import { Button } from "@/components/ui/button";
import { FormError, SelectField, TextField } from "@/components/ui/field";
import { agentInputSchema, type AgentInput } from "@/lib/agents/schema";
import { useCreateAgent, useUpdateAgent, type AgentRow } from "@/lib/client/agents";
import { applyServerErrors } from "@/lib/client/api";
import { overnightWindow } from "@/lib/webhook-url/overnight";

type Output = z.output<typeof agentInputSchema>;

const FIELDS = [
  "name",
  "provider",
  "providerSettings.assistantId",
  "providerSettings.phoneNumberId",
  "providerApiKey",
  "timezone",
  "concurrencyCap",
  "phoneVariable",
];

function defaultsOf(agent?: AgentRow): AgentInput {
  return {
    name: agent?.name ?? "",
    provider: agent?.provider ?? "simulator",
    providerSettings: agent?.providerSettings ?? {},
    timezone: agent?.timezone ?? "",
    concurrencyCap: agent?.concurrencyCap ?? 5,
    phoneVariable: agent?.phoneVariable ?? "phone",
    scheduleDefaults: agent?.scheduleDefaults ?? {},
  };
}

/** Empty inputs mean "not set": they are left out rather than stored as "". */
function withoutEmpty(values: Output): Output {
  const scheduleDefaults = Object.fromEntries(Object.entries(values.scheduleDefaults).filter(([, v]) => v));
  return { ...values, scheduleDefaults };
}

export function AgentForm({ agent, orgTimezone }: { agent?: AgentRow; orgTimezone: string }) {
  const router = useRouter();
  const create = useCreateAgent();
  const update = useUpdateAgent(agent?.id ?? "");
  const [message, setMessage] = useState<{ error?: string; saved?: boolean }>({});
  const form = useForm<AgentInput, unknown, Output>({ resolver: zodResolver(agentInputSchema), defaultValues: defaultsOf(agent) });
  const { errors, isSubmitting } = form.formState;
  const isVapi = useWatch({ control: form.control, name: "provider" }) === "vapi";
  const zone = useWatch({ control: form.control, name: "timezone" });
  const window = useWatch({ control: form.control, name: "scheduleDefaults" });
  const windowKey = `${window?.min_trigger_time ?? ""}-${window?.max_trigger_time ?? ""}`;
  // A stored overnight window was confirmed when it was saved; a confirmation holds only for the window it was given for.
  const storedKey = `${agent?.scheduleDefaults.min_trigger_time ?? ""}-${agent?.scheduleDefaults.max_trigger_time ?? ""}`;
  const [confirmedKey, setConfirmedKey] = useState<string | null>(agent ? storedKey : null);
  const overnight = overnightWindow(window?.min_trigger_time ?? "", window?.max_trigger_time ?? "");
  const overnightConfirmed = confirmedKey === windowKey;

  const onSubmit = form.handleSubmit(async (raw) => {
    setMessage({});
    if (overnight && !overnightConfirmed) {
      setMessage({ error: `The default window is ${overnight.sentence}: confirm it, or change “Calling window until”.` });
      return;
    }
    const values = withoutEmpty(raw);
    try {
      if (!agent) {
        const created = await create.mutateAsync(values);
        router.push(`/agents/${created.id}?tab=variables`);
        return;
      }
      await update.mutateAsync(values);
      form.resetField("providerApiKey", { defaultValue: undefined });
      setMessage({ saved: true });
      router.refresh();
    } catch (err) {
      setMessage({
        error: applyServerErrors(err, form.setError, [
          ...FIELDS,
          ...Object.keys(values.scheduleDefaults).map((k) => `scheduleDefaults.${k}`),
        ]),
      });
    }
  });

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="mt-4 flex flex-col gap-6 rounded-lg border border-slate-200 bg-white p-4">
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 font-medium">Agent</legend>
        <TextField label="Name" error={errors.name?.message} {...form.register("name")} />
        <SelectField label="Call provider" error={errors.provider?.message} {...form.register("provider")}>
          <option value="simulator">Simulator (pretend calls, for trying things out)</option>
          <option value="vapi">Vapi</option>
        </SelectField>
        {isVapi && (
          <>
            <TextField
              label="Vapi assistant id"
              error={errors.providerSettings?.assistantId?.message}
              {...form.register("providerSettings.assistantId")}
            />
            <TextField
              label="Vapi phone number id"
              error={errors.providerSettings?.phoneNumberId?.message}
              {...form.register("providerSettings.phoneNumberId")}
            />
            <TextField
              label="Vapi private API key"
              type="password"
              autoComplete="off"
              error={errors.providerApiKey?.message}
              hint={
                agent?.providerApiKey
                  ? `Stored (${agent.providerApiKey}); paste a new key to replace it.`
                  : "Stored encrypted; never shown again."
              }
              placeholder={agent?.providerApiKey ?? ""}
              {...form.register("providerApiKey", { setValueAs: (v: string) => v || undefined })}
            />
          </>
        )}
        <div className="flex flex-col gap-1">
          <TimeZoneField label="Time zone" placeholder={orgTimezone} error={errors.timezone?.message} {...form.register("timezone")} />
          <CrmZoneOffer current={zone ?? ""} onUse={(z) => form.setValue("timezone", z, { shouldDirty: true })} />
        </div>
        <TextField
          label="Calls at once (concurrency cap)"
          type="number"
          min={1}
          max={200}
          error={errors.concurrencyCap?.message}
          {...form.register("concurrencyCap", { valueAsNumber: true })}
        />
        <TextField
          label="Phone variable"
          hint="The variable that holds the number to call."
          error={errors.phoneVariable?.message}
          {...form.register("phoneVariable")}
        />
      </fieldset>
      <ScheduleDefaultsFields
        form={form}
        overnight={{ confirmed: overnightConfirmed, onConfirm: (yes) => setConfirmedKey(yes ? windowKey : null) }}
      />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={isSubmitting}>
          {agent ? "Save settings" : "Create agent"}
        </Button>
        {message.saved && (
          <span role="status" className="text-sm text-green-800">
            Saved.
          </span>
        )}
      </div>
      <FormError message={message.error} />
    </form>
  );
}
