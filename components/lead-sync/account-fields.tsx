"use client";

import { SecretField } from "@/components/integrations/connect-form-parts";
import type { ConnectorForm } from "@/components/lead-sync/connector-form-types";
import { Card } from "@/components/ui/card";
import { TextField } from "@/components/ui/field";
import type { ConnectorView } from "@/lib/client/lead-sync";

const HOST_HINT = "The account's API host, e.g. https://api-in21.leadsquared.com (Settings → API and Webhooks).";

/** Both LeadSquared accounts: the source that posts leads, and the destination they are written into. */
export function AccountFields({ form, stored, hasIntegration }: { form: ConnectorForm; stored?: ConnectorView; hasIntegration: boolean }) {
  const { errors } = form.formState;
  const useIntegration = form.watch("destination.useIntegration");
  const destErrors = errors.destination as Partial<Record<"host" | "accessKey" | "secretKey", { message?: string }>> | undefined;
  return (
    <Card title="Accounts" description="Leads flow from the source account's automation into the destination account.">
      <div className="grid gap-6 lg:grid-cols-2">
        <fieldset className="flex min-w-0 flex-col gap-3">
          <legend className="mb-2 text-sm font-semibold text-slate-900">Source account (sends leads)</legend>
          <TextField
            label="Source host URL"
            type="url"
            inputMode="url"
            hint={HOST_HINT}
            error={errors.source?.host?.message}
            {...form.register("source.host")}
          />
          <SecretField
            label="Source Access Key"
            stored={stored?.source.keys?.accessKey}
            help="Read to list the source account's lead fields."
            error={errors.source?.accessKey?.message}
            {...form.register("source.accessKey")}
          />
          <SecretField
            label="Source Secret Key"
            stored={stored?.source.keys?.secretKey}
            help="Shown next to the Access Key."
            error={errors.source?.secretKey?.message}
            {...form.register("source.secretKey")}
          />
        </fieldset>
        <fieldset className="flex min-w-0 flex-col gap-3">
          <legend className="mb-2 text-sm font-semibold text-slate-900">Destination account (leads are written here)</legend>
          <label className="flex items-start gap-2 text-sm text-slate-700">
            <input
              type="radio"
              className="mt-0.5 size-4 accent-brand-600"
              value="true"
              disabled={!hasIntegration}
              checked={useIntegration === true}
              onChange={() => form.setValue("destination", { useIntegration: true }, { shouldDirty: true })}
            />
            <span>
              This organisation’s connected LeadSquared account
              {!hasIntegration && (
                <span className="block text-xs text-slate-500">Not connected: connect it under Integrations to use it.</span>
              )}
            </span>
          </label>
          <label className="flex items-start gap-2 text-sm text-slate-700">
            <input
              type="radio"
              className="mt-0.5 size-4 accent-brand-600"
              value="false"
              checked={useIntegration === false}
              onChange={() =>
                form.setValue(
                  "destination",
                  {
                    useIntegration: false,
                    host: stored && !stored.destination.useIntegration ? stored.destination.host : "",
                    accessKey: "",
                    secretKey: "",
                  },
                  { shouldDirty: true },
                )
              }
            />
            Another LeadSquared account
          </label>
          {useIntegration === false && (
            <>
              <TextField
                label="Destination host URL"
                type="url"
                inputMode="url"
                hint={HOST_HINT}
                error={destErrors?.host?.message}
                {...form.register("destination.host")}
              />
              <SecretField
                label="Destination Access Key"
                stored={stored?.destination.keys?.accessKey}
                help="Leads are created and updated with these keys."
                error={destErrors?.accessKey?.message}
                {...form.register("destination.accessKey")}
              />
              <SecretField
                label="Destination Secret Key"
                stored={stored?.destination.keys?.secretKey}
                help="Shown next to the Access Key."
                error={destErrors?.secretKey?.message}
                {...form.register("destination.secretKey")}
              />
            </>
          )}
        </fieldset>
      </div>
    </Card>
  );
}
