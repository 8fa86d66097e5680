"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { ConnectFooter, SecretField, useConnectSubmit, WithIntegration } from "@/components/integrations/connect-form-parts";
import type { IntegrationView } from "@/lib/client/integrations";
import { HUBSPOT_TOKEN_LOCATION, hubSpotConnectSchema, requireSecrets, type HubSpotConnectInput } from "@/lib/integrations/schema";

const FIELDS = ["token", "clientSecret"] as const;

function Form({ integration }: { integration?: IntegrationView }) {
  const form = useForm<HubSpotConnectInput, unknown, z.output<typeof hubSpotConnectSchema>>({
    resolver: zodResolver(integration ? hubSpotConnectSchema : requireSecrets(hubSpotConnectSchema, ["token"])),
    defaultValues: { token: "", clientSecret: "" },
  });
  const { submit, formError } = useConnectSubmit("hubspot", form.setError, FIELDS);
  const { errors, isSubmitting } = form.formState;
  const hints = integration?.secretHints ?? {};
  return (
    <form method="post" onSubmit={form.handleSubmit(submit)} noValidate className="flex flex-col gap-4">
      <SecretField
        label="Access token"
        stored={hints.token}
        help={`In HubSpot: ${HUBSPOT_TOKEN_LOCATION}. It starts with pat-.`}
        error={errors.token?.message}
        {...form.register("token")}
      />
      <SecretField
        label="Client secret (optional)"
        stored={hints.clientSecret}
        help="With it, Leadline checks the signature HubSpot puts on every webhook request and refuses forged ones. Also on the app's Auth tab."
        error={errors.clientSecret?.message}
        {...form.register("clientSecret")}
      />
      <ConnectFooter connected={!!integration} submitting={isSubmitting} formError={formError} />
    </form>
  );
}

export function HubSpotForm() {
  return <WithIntegration crm="hubspot">{(integration) => <Form integration={integration} />}</WithIntegration>;
}
