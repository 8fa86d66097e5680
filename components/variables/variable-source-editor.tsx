"use client";

import { type Crm, CRMS } from "@/lib/crm/crms";
import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useFieldArray, useForm, useWatch } from "react-hook-form";
import { CrmFieldStatus } from "@/components/variables/crm-field-status";
import { LivePreview } from "@/components/variables/live-preview";
import { VariableRow, type VariableForm } from "@/components/variables/variable-row";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { ClientApiError } from "@/lib/client/api";
import type { AgentRow } from "@/lib/client/agents";
import { useCrmFields, useSaveVariables, useVariables } from "@/lib/client/variables";
import { variableSourceFormSchema, type Variable, type VariableInput } from "@/lib/variables/schema";

const toRow = (v: Variable): VariableInput => ({ ...v, format: v.format ?? "", default: v.default ?? "" });

export function VariableSourceEditor({ agent }: { agent: AgentRow }) {
  const saved = useVariables(agent.id);
  if (saved.error) return <FormError message={saved.error.message} />;
  if (!saved.data) return <p className="mt-4 text-sm text-slate-600">Loading variables…</p>;
  return <VariableSourceForm agent={agent} initial={saved.data.map(toRow)} />;
}

/** Server errors name rows by position ("3.name"); the form's inputs are "variables.3.name". */
function placeServerErrors(err: unknown, form: VariableForm): string | undefined {
  if (!(err instanceof ClientApiError)) return "Could not reach Leadline. Check your connection and try again.";
  let unplaced = !err.details.length;
  for (const d of err.details) {
    if (/^\d+\.(name|source|field|format|default)$/.test(d.field))
      form.setError(`variables.${d.field}` as `variables.${number}.name`, { message: d.message });
    else unplaced = true;
  }
  return unplaced ? err.message : "Some variables need fixing; see the messages next to them.";
}

function VariableSourceForm({ agent, initial }: { agent: AgentRow; initial: VariableInput[] }) {
  const save = useSaveVariables(agent.id);
  const [message, setMessage] = useState<{ error?: string; saved?: boolean }>({});
  const form: VariableForm = useForm({ resolver: zodResolver(variableSourceFormSchema), defaultValues: { variables: initial } });
  const rows = useFieldArray({ control: form.control, name: "variables" });
  const variables = useWatch({ control: form.control, name: "variables" });
  const sources = CRMS.filter((s) => variables.some((v) => v.source === s));
  const lsq = useCrmFields("leadsquared");
  const hubspot = useCrmFields("hubspot");
  const fieldsFor = (source: string) => (source === "hubspot" ? hubspot.data?.fields : lsq.data?.fields) ?? [];
  const lastSource: Crm = variables.at(-1)?.source ?? "leadsquared";

  const onSubmit = form.handleSubmit(async (values) => {
    setMessage({});
    try {
      const stored = await save.mutateAsync(values.variables);
      form.reset({ variables: stored.map(toRow) });
      setMessage({ saved: true });
    } catch (err) {
      setMessage({ error: placeServerErrors(err, form) });
    }
  });

  return (
    <div className="mt-4 flex flex-col gap-6">
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4">
        <div>
          <h2 className="font-medium">Variable Source</h2>
          <p className="text-sm text-slate-600">
            Each variable reads one CRM field of the new lead. The agent’s prompt uses it as {"{{name}}"};{" "}
            <code>{agent.phoneVariable}</code> is the number to call.
          </p>
        </div>
        {(sources.length ? sources : [lastSource]).map((crm) => (
          <CrmFieldStatus key={crm} crm={crm} />
        ))}
        {rows.fields.length === 0 && <p className="text-sm text-slate-600">No variables yet. Add one for the phone number first.</p>}
        <ol className="flex flex-col gap-3">
          {rows.fields.map((row, index) => (
            <VariableRow
              key={row.id}
              form={form}
              index={index}
              count={rows.fields.length}
              fieldsFor={fieldsFor}
              onMove={rows.move}
              onRemove={rows.remove}
            />
          ))}
        </ol>
        <div className="flex flex-wrap items-center gap-3">
          <Button
            type="button"
            variant="secondary"
            onClick={() => rows.append({ name: "", source: lastSource, field: "", format: "", default: "" })}
          >
            Add variable
          </Button>
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? "Saving…" : "Save variables"}
          </Button>
          {message.saved && !form.formState.isDirty && (
            <span role="status" className="text-sm text-green-800">
              Saved.
            </span>
          )}
        </div>
        <FormError message={message.error} />
      </form>
      <LivePreview agentId={agent.id} variables={variables} />
    </div>
  );
}
