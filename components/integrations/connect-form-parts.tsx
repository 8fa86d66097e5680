"use client";

import type { Crm } from "@/lib/crm/crms";
import { useRouter } from "next/navigation";
import { useState, type ComponentProps, type ReactNode } from "react";
import type { FieldValues, UseFormSetError } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { FormError, TextField } from "@/components/ui/field";
import { applyServerErrors } from "@/lib/client/api";
import { useConnectIntegration, useIntegrations, type ConnectInput, type IntegrationView } from "@/lib/client/integrations";

/** Renders its form once the stored integration (if any) is known, so the form starts from what is stored. */
export function WithIntegration({ crm, children }: { crm: Crm; children: (integration: IntegrationView | undefined) => ReactNode }) {
  const list = useIntegrations();
  if (list.error) return <FormError message={list.error.message} />;
  if (!list.data) return <p className="text-sm text-slate-600">Loading…</p>;
  return children(list.data.find((i) => i.crm === crm));
}

/** Sends the form to PUT /api/v1/integrations/:crm; the server's verdicts land next to their fields. */
export function useConnectSubmit<C extends Crm, F extends FieldValues>(crm: C, setError: UseFormSetError<F>, fields: readonly string[]) {
  const router = useRouter();
  const connect = useConnectIntegration(crm);
  const [formError, setFormError] = useState<string>();
  const submit = async (values: ConnectInput[C]) => {
    setFormError(undefined);
    try {
      await connect.mutateAsync(values);
      router.push("/integrations");
    } catch (err) {
      setFormError(applyServerErrors(err, setError, fields));
    }
  };
  return { submit, formError };
}

/** A secret input: never filled in by the page; once stored, only its last four characters are shown. */
export function SecretField({ stored, help, ...input }: { stored?: string; help: ReactNode } & ComponentProps<typeof TextField>) {
  const hint = stored ? (
    <>
      Stored: <code className="font-mono">{stored}</code>. Leave empty to keep it.
    </>
  ) : (
    help
  );
  return <TextField type="password" autoComplete="off" spellCheck={false} hint={hint} {...input} />;
}

export function ConnectFooter({ connected, submitting, formError }: { connected: boolean; submitting: boolean; formError?: string }) {
  return (
    <>
      <FormError message={formError} />
      <div>
        <Button type="submit" disabled={submitting}>
          {submitting ? "Checking…" : connected ? "Save and check" : "Connect"}
        </Button>
      </div>
    </>
  );
}
