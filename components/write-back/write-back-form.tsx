"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useFieldArray, useForm, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { FormError, SelectField, TextField } from "@/components/ui/field";
import { applyServerErrors } from "@/lib/client/api";
import { useActivityTypes, useCreateActivityType, useSaveWriteBack, useWriteBack } from "@/lib/client/write-back";
import {
  MAX_FIELD_UPDATES,
  newActivityTypeSchema,
  WRITE_BACK_MODE_LABELS,
  WRITE_BACK_MODES,
  writeBackSchema,
  type WriteBackInput,
  type WriteBackSettings,
} from "@/lib/crm-writes/settings";
import { OUTCOMES } from "@/lib/schedule/types";

export function WriteBackEditor({ agentId }: { agentId: string }) {
  const saved = useWriteBack(agentId);
  if (saved.error) return <FormError message={saved.error.message} />;
  if (!saved.data) return <p className="mt-4 text-sm text-slate-600">Loading write-back…</p>;
  return <WriteBackForm agentId={agentId} initial={saved.data} />;
}

/** When and what this agent's call outcomes write to the CRM the lead came from. */
function WriteBackForm({ agentId, initial }: { agentId: string; initial: WriteBackSettings }) {
  const save = useSaveWriteBack(agentId);
  const types = useActivityTypes();
  const [message, setMessage] = useState<{ error?: string; saved?: boolean }>({});
  const form = useForm<WriteBackInput, unknown, WriteBackSettings>({ resolver: zodResolver(writeBackSchema), defaultValues: initial });
  const updates = useFieldArray({ control: form.control, name: "fieldUpdates" });
  const activityEvent = useWatch({ control: form.control, name: "leadSquaredActivityEvent" });
  const errors = form.formState.errors;

  const onSubmit = form.handleSubmit(async (values) => {
    setMessage({});
    try {
      form.reset(await save.mutateAsync(values));
      setMessage({ saved: true });
    } catch (err) {
      setMessage({
        error: applyServerErrors(err, form.setError, ["mode", "leadSquaredActivityEvent", "hubSpotEngagement", "includeTranscript"]),
      });
    }
  });

  return (
    <form onSubmit={onSubmit} className="mt-4 max-w-2xl space-y-4" aria-label="Write-back to the CRM" noValidate>
      <SelectField label="Write call outcomes to the CRM" error={errors.mode?.message} {...form.register("mode")}>
        {WRITE_BACK_MODES.map((m) => (
          <option key={m} value={m}>
            {WRITE_BACK_MODE_LABELS[m]}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="LeadSquared activity type"
        hint={
          types.error
            ? `${types.error.message} Without an activity type no activity is posted.`
            : "Each outcome is posted as an activity of this type on the lead (outcome, attempt, duration, provider call id, and the summary, recording link and transcript when the provider gives them). Or create a type of your own below."
        }
        error={errors.leadSquaredActivityEvent?.message}
        {...form.register("leadSquaredActivityEvent", {
          setValueAs: (v: string | number | null) => (v === "" || v === null ? null : Number(v)),
        })}
        // Controlled: a type created below is chosen before its option renders.
        value={String(activityEvent ?? "")}
      >
        <option value="">No activity</option>
        {(types.data ?? []).map((t) => (
          <option key={t.code} value={t.code}>
            {t.name} ({t.code})
          </option>
        ))}
        {initial.leadSquaredActivityEvent !== null && !types.data?.some((t) => t.code === initial.leadSquaredActivityEvent) && (
          <option value={initial.leadSquaredActivityEvent}>Activity type {initial.leadSquaredActivityEvent}</option>
        )}
      </SelectField>
      {!types.error && (
        <NewActivityTypeField onCreated={(code) => form.setValue("leadSquaredActivityEvent", code, { shouldDirty: true })} />
      )}
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" className="mt-1" {...form.register("hubSpotEngagement")} />
        <span>
          HubSpot: log each outcome as a call engagement on the contact. HubSpot needs the <code>crm.objects.contacts.write</code> scope on
          the private app for this (see Integrations → HubSpot).
        </span>
      </label>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" className="mt-1" {...form.register("includeTranscript")} />
        <span>
          Send the call&apos;s transcript to the CRM. Turn this off to keep what the lead said out of the CRM: the summary and recording
          link still go, and the transcript stays on the call&apos;s page in Leadline.
        </span>
      </label>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">Field updates by outcome</legend>
        <p className="text-xs text-slate-600">
          Set a LeadSquared lead field (SchemaName, e.g. ProspectStage) or a HubSpot contact property (e.g. hs_lead_status) when an attempt
          ends with the outcome.
        </p>
        {updates.fields.map((row, i) => (
          <div key={row.id} className="grid gap-2 sm:grid-cols-[10rem_1fr_1fr_auto]">
            <SelectField
              label={`Outcome ${i + 1}`}
              error={errors.fieldUpdates?.[i]?.outcome?.message}
              {...form.register(`fieldUpdates.${i}.outcome`)}
            >
              {OUTCOMES.map((o) => (
                <option key={o} value={o}>
                  {o.replace("_", " ")}
                </option>
              ))}
            </SelectField>
            <TextField
              label={`Field ${i + 1}`}
              error={errors.fieldUpdates?.[i]?.field?.message}
              {...form.register(`fieldUpdates.${i}.field`)}
            />
            <TextField
              label={`Value ${i + 1}`}
              error={errors.fieldUpdates?.[i]?.value?.message}
              {...form.register(`fieldUpdates.${i}.value`)}
            />
            <Button type="button" variant="secondary" className="self-end" onClick={() => updates.remove(i)}>
              Remove
            </Button>
          </div>
        ))}
        <Button
          type="button"
          variant="secondary"
          disabled={updates.fields.length >= MAX_FIELD_UPDATES}
          onClick={() => updates.append({ outcome: "completed", field: "", value: "" })}
        >
          Add field update
        </Button>
      </fieldset>
      <FormError message={message.error} />
      {message.saved && (
        <p role="status" className="text-sm text-green-700">
          Write-back saved.
        </p>
      )}
      <Button type="submit" disabled={save.isPending}>
        {save.isPending ? "Saving…" : "Save write-back"}
      </Button>
    </form>
  );
}

/** Creates a LeadSquared activity type for call outcomes and selects it (saved with the rest of the form). */
function NewActivityTypeField({ onCreated }: { onCreated: (code: number) => void }) {
  const create = useCreateActivityType();
  const [name, setName] = useState("");
  const [error, setError] = useState<string>();
  const [created, setCreated] = useState<string>();
  const submit = async () => {
    setCreated(undefined);
    const input = newActivityTypeSchema.safeParse({ name });
    if (!input.success) return setError(input.error.issues[0]!.message);
    setError(undefined);
    try {
      const type = await create.mutateAsync(input.data);
      onCreated(type.code);
      setName("");
      setCreated(`Created “${type.name}” (${type.code}) in LeadSquared and chose it; save to use it.`);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <div className="flex flex-wrap items-end gap-2">
      <TextField
        label="Name for a new activity type"
        placeholder="Leadline call"
        value={name}
        error={error}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") {
            e.preventDefault();
            void submit();
          }
        }}
      />
      <Button type="button" variant="secondary" onClick={() => void submit()} disabled={create.isPending}>
        {create.isPending ? "Creating…" : "Create in LeadSquared"}
      </Button>
      {created && (
        <p role="status" className="w-full text-sm text-green-800">
          {created}
        </p>
      )}
    </div>
  );
}
