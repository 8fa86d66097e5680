"use client";

import type { Crm } from "@/lib/crm/crms";
import { useEffect, useId, useState } from "react";
import { PreviewTable } from "@/components/variables/preview-table";
import { Button } from "@/components/ui/button";
import { FormError, SelectField } from "@/components/ui/field";
import { fetchLastDeliveryBody, useVariablePreview } from "@/lib/client/variables";
import { variableSchema, type Variable, type VariableInput, type VariablePreviewInput } from "@/lib/variables/schema";

const EXAMPLE = '{"FirstName": "asha", "Phone": "98765 43210", "mx_City": "Pune"}';

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** Rows still being typed are left out, so the preview keeps working while the list is edited. */
function completeRows(rows: readonly VariableInput[]): Variable[] {
  const names = new Set<string>();
  return rows.flatMap((row) => {
    const parsed = variableSchema.safeParse(row);
    if (!parsed.success || names.has(parsed.data.name)) return [];
    names.add(parsed.data.name);
    return [parsed.data];
  });
}

export function LivePreview({ agentId, variables }: { agentId: string; variables: readonly VariableInput[] }) {
  const sampleId = useId();
  const [sample, setSample] = useState("");
  // Follows the first variable's CRM until someone picks one.
  const [chosenCrm, setCrm] = useState<Crm | null>(null);
  const crm = chosenCrm ?? variables[0]?.source ?? "leadsquared";
  const [loadMessage, setLoadMessage] = useState<string>();
  const input: VariablePreviewInput | null = sample.trim() ? { variables: completeRows(variables), crm, sample } : null;
  // Debounced as text: a fresh object each render would restart the timer for ever.
  const settled = useDebounced(JSON.stringify(input), 400);
  const preview = useVariablePreview(agentId, JSON.parse(settled) as VariablePreviewInput | null);

  const loadLastDelivery = async () => {
    setLoadMessage(undefined);
    try {
      const delivery = await fetchLastDeliveryBody(agentId);
      if (!delivery) return setLoadMessage("This agent has not received a delivery yet; paste a sample lead instead.");
      setSample(delivery.body);
      if (delivery.crm) setCrm(delivery.crm);
      setLoadMessage(`Loaded the delivery of ${new Date(delivery.createdAt).toLocaleString()}.`);
    } catch (err) {
      setLoadMessage(err instanceof Error ? err.message : "Could not load the last delivery.");
    }
  };

  return (
    <section aria-labelledby="preview-heading" className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="preview-heading" className="font-medium">
        Live preview
      </h2>
      <p className="text-sm text-slate-600">What the webhook would make of a lead with the variables above, saved or not.</p>
      <div className="grid gap-3 sm:grid-cols-[1fr_12rem]">
        <div className="flex flex-col gap-1">
          <label htmlFor={sampleId} className="text-sm font-medium text-slate-700">
            Sample lead (JSON, as the CRM sends it)
          </label>
          <textarea
            id={sampleId}
            value={sample}
            onChange={(e) => setSample(e.target.value)}
            rows={6}
            placeholder={EXAMPLE}
            spellCheck={false}
            className="rounded-md border border-slate-300 px-3 py-2 font-mono text-xs"
          />
        </div>
        <div className="flex flex-col gap-3">
          <SelectField label="Preview as" value={crm} onChange={(e) => setCrm(e.target.value as Crm)}>
            <option value="leadsquared">LeadSquared lead</option>
            <option value="hubspot">HubSpot contact</option>
          </SelectField>
          <Button type="button" variant="secondary" onClick={loadLastDelivery}>
            Load last delivery
          </Button>
        </div>
      </div>
      {loadMessage && (
        <p role="status" className="text-sm text-slate-600">
          {loadMessage}
        </p>
      )}
      {preview.error && <FormError message={preview.error.message} />}
      {input && preview.data && !preview.error && <PreviewTable preview={preview.data} />}
    </section>
  );
}
