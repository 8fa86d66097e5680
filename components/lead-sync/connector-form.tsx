"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { AccountFields } from "@/components/lead-sync/account-fields";
import { BasicSettings } from "@/components/lead-sync/basic-settings";
import type { ConnectorFormValues } from "@/components/lead-sync/connector-form-types";
import { MappingEditor } from "@/components/lead-sync/mapping-editor";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormError, SelectField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { applyServerErrors } from "@/lib/client/api";
import { useLoadFields, useSaveConnector, type ConnectorView, type FieldLists } from "@/lib/client/lead-sync";
import { prefillMapping, suggestedSearchBy } from "@/lib/lead-sync/prefill";
import { ACTIVITY_BEHAVIOURS, BEHAVIOUR_LABELS, LEAD_BEHAVIOURS, leadSyncConnectorInputSchema } from "@/lib/lead-sync/schema";

const SERVER_FIELDS = [
  "source.host",
  "source.accessKey",
  "source.secretKey",
  "destination.host",
  "destination.accessKey",
  "destination.secretKey",
  "config.name",
  "config.leadSource",
  "config.defaultCountryCode",
  "config.sourceTimeZone",
  "config.searchBy",
  "config.secondarySearchBy",
  "config.notifyUserId",
];

function initialValues(
  stored: ConnectorView | undefined,
  defaults: { timezone: string; countryCode: string },
  hasIntegration: boolean,
): ConnectorFormValues {
  if (stored) {
    return {
      config: stored.config,
      source: { host: stored.source.host, accessKey: "", secretKey: "" },
      destination: stored.destination.useIntegration
        ? { useIntegration: true }
        : { useIntegration: false, host: stored.destination.host, accessKey: "", secretKey: "" },
    };
  }
  return {
    config: {
      name: "",
      leadSource: "",
      defaultCountryCode: defaults.countryCode,
      sourceTimeZone: defaults.timezone,
      searchBy: "",
      secondarySearchBy: null,
      notifyUserId: null,
      notify: false,
      lead: { behaviour: "capture", fields: [] },
      activity: { enabled: false, behaviour: "capture", fields: [] },
    },
    source: { host: "", accessKey: "", secretKey: "" },
    destination: hasIntegration ? { useIntegration: true } : { useIntegration: false, host: "", accessKey: "", secretKey: "" },
  };
}

/** Create or edit a connector: accounts, Basic settings, the Lead and Activity entities with their mappings. */
export function ConnectorForm({
  stored,
  defaults,
  hasIntegration,
}: {
  stored?: ConnectorView;
  defaults: { timezone: string; countryCode: string };
  hasIntegration: boolean;
}) {
  const router = useRouter();
  const save = useSaveConnector(stored?.id);
  const load = useLoadFields();
  const [lists, setLists] = useState<FieldLists | null>(stored?.fields ?? null);
  const [formError, setFormError] = useState<string>();
  const form = useForm({
    resolver: zodResolver(leadSyncConnectorInputSchema),
    defaultValues: initialValues(stored, defaults, hasIntegration),
  });
  const activityOn = useWatch({ control: form.control, name: "config.activity.enabled" });
  const searchBy = useWatch({ control: form.control, name: "config.searchBy" }) ?? "";

  const loadFields = async () => {
    setFormError(undefined);
    const { source, destination } = form.getValues();
    try {
      const fetched = await load.mutateAsync({ source, destination, connectorId: stored?.id });
      setLists(fetched);
      if (!form.getValues("config.lead.fields")?.length) {
        const mapping = prefillMapping(fetched.source, fetched.destination);
        form.setValue("config.lead.fields", mapping, { shouldDirty: true });
        if (!form.getValues("config.searchBy")) form.setValue("config.searchBy", suggestedSearchBy(mapping) ?? "", { shouldDirty: true });
      }
    } catch (err) {
      setFormError(applyServerErrors(err, form.setError, SERVER_FIELDS) ?? "Some fields need fixing; see the messages next to them.");
    }
  };

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(undefined);
    try {
      const connector = await save.mutateAsync(values);
      if (!stored) router.push(`/lead-sync/${connector.id}`);
      else {
        form.reset(initialValues(connector, defaults, hasIntegration));
        router.refresh();
      }
    } catch (err) {
      setFormError(applyServerErrors(err, form.setError, SERVER_FIELDS) ?? "Some fields need fixing; see the messages next to them.");
    }
  });

  const sourceFields = lists?.source ?? [];
  const destinationFields = lists?.destination ?? [];
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-6">
      <AccountFields form={form} stored={stored} hasIntegration={hasIntegration} />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" variant="secondary" onClick={loadFields} disabled={load.isPending}>
          {load.isPending ? "Reading both accounts…" : lists ? "Read both accounts' fields again" : "Read both accounts' fields"}
        </Button>
        {lists ? (
          <span role="status" className="text-sm text-slate-600">
            {lists.source.length} source fields, {lists.destination.length} destination fields.
          </span>
        ) : (
          <span className="text-sm text-slate-600">
            Pre-fills the mapping with the fields both accounts have, and suggests them as you type.
          </span>
        )}
      </div>
      <BasicSettings form={form} />
      <Card
        title="Lead entity"
        description="Leads are always captured; the behaviour says what happens to new and existing ones, found by Search By."
      >
        <div className="flex flex-col gap-4">
          <SelectField
            label="Lead sync behaviour"
            error={form.formState.errors.config?.lead?.behaviour?.message}
            {...form.register("config.lead.behaviour")}
          >
            {LEAD_BEHAVIOURS.map((b) => (
              <option key={b} value={b}>
                {BEHAVIOUR_LABELS[b]}
              </option>
            ))}
          </SelectField>
          <MappingEditor
            form={form}
            list="config.lead.fields"
            title="Lead field mapping"
            sourceFields={sourceFields}
            destinationFields={destinationFields}
            searchBy={{
              current: searchBy,
              onMark: (name) => form.setValue("config.searchBy", name, { shouldDirty: true, shouldValidate: form.formState.isSubmitted }),
            }}
          />
        </div>
      </Card>
      <Card title="Activity entity" description="Post the source's activities on the synced leads too.">
        <div className="flex flex-col gap-4">
          <label className="inline-flex items-center gap-2 text-sm text-slate-700">
            <input type="checkbox" role="switch" className="size-4 accent-brand-600" {...form.register("config.activity.enabled")} />
            Sync activities
          </label>
          {activityOn && (
            <>
              <SelectField label="Activity sync behaviour" {...form.register("config.activity.behaviour")}>
                {ACTIVITY_BEHAVIOURS.map((b) => (
                  <option key={b} value={b}>
                    {BEHAVIOUR_LABELS[b]}
                  </option>
                ))}
              </SelectField>
              <MappingEditor
                form={form}
                list="config.activity.fields"
                title="Activity field mapping"
                sourceFields={sourceFields}
                destinationFields={destinationFields}
              />
            </>
          )}
        </div>
      </Card>
      {!stored && (
        <Notice title="After saving">
          The webhook URL appears on the connector’s page, with the steps to paste it into the source account. The sync stays off until you
          enable it there.
        </Notice>
      )}
      <FormError message={formError} />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Checking both accounts…" : stored ? "Save changes" : "Save and create the webhook URL"}
        </Button>
        {save.isSuccess && !form.formState.isDirty && stored && (
          <span role="status" className="text-sm text-emerald-800">
            Saved.
          </span>
        )}
      </div>
    </form>
  );
}
