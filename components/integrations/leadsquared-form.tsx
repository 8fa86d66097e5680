"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { ConnectFooter, SecretField, useConnectSubmit, WithIntegration } from "@/components/integrations/connect-form-parts";
import { TextField } from "@/components/ui/field";
import type { IntegrationView } from "@/lib/client/integrations";
import { leadSquaredConnectSchema, requireSecrets, type LeadSquaredConnectInput } from "@/lib/integrations/schema";

const FIELDS = ["host", "accessKey", "secretKey"] as const;

function Form({ integration }: { integration?: IntegrationView }) {
  const form = useForm<LeadSquaredConnectInput, unknown, z.output<typeof leadSquaredConnectSchema>>({
    resolver: zodResolver(integration ? leadSquaredConnectSchema : requireSecrets(leadSquaredConnectSchema, ["accessKey", "secretKey"])),
    defaultValues: { host: integration?.config.host ?? "", accessKey: "", secretKey: "" },
  });
  const { submit, formError } = useConnectSubmit("leadsquared", form.setError, FIELDS);
  const { errors, isSubmitting } = form.formState;
  const hints = integration?.secretHints ?? {};
  return (
    <form method="post" onSubmit={form.handleSubmit(submit)} noValidate className="flex flex-col gap-4">
      <TextField
        label="Host URL"
        type="url"
        inputMode="url"
        placeholder="https://api-in21.leadsquared.com"
        hint="Your account's API host, e.g. https://api-in21.leadsquared.com (India) or https://api-us11.leadsquared.com (US). LeadSquared shows it under Settings → API and Webhooks, next to the keys."
        error={errors.host?.message}
        {...form.register("host")}
      />
      <SecretField
        label="Access Key"
        stored={hints.accessKey}
        help="From Settings → API and Webhooks."
        error={errors.accessKey?.message}
        {...form.register("accessKey")}
      />
      <SecretField
        label="Secret Key"
        stored={hints.secretKey}
        help="Shown next to the Access Key."
        error={errors.secretKey?.message}
        {...form.register("secretKey")}
      />
      <ConnectFooter connected={!!integration} submitting={isSubmitting} formError={formError} />
    </form>
  );
}

export function LeadSquaredForm() {
  return <WithIntegration crm="leadsquared">{(integration) => <Form integration={integration} />}</WithIntegration>;
}
