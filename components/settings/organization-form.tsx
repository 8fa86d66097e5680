"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { TimeZoneField } from "@/components/settings/time-zone-field";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormError, TextField } from "@/components/ui/field";
import { apiFetch, applyServerErrors } from "@/lib/client/api";
import { organizationSettingsSchema, type OrganizationSettingsInput } from "@/lib/orgs/schema";

export function OrganizationForm({ defaults, readOnly }: { defaults: OrganizationSettingsInput; readOnly: boolean }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ error?: string; saved?: boolean }>({});
  const form = useForm<OrganizationSettingsInput, unknown, z.output<typeof organizationSettingsSchema>>({
    resolver: zodResolver(organizationSettingsSchema),
    defaultValues: defaults,
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setMessage({});
    try {
      await apiFetch("/api/v1/organization", { method: "PATCH", json: values });
      setMessage({ saved: true });
      router.refresh();
    } catch (err) {
      setMessage({ error: applyServerErrors(err, form.setError, Object.keys(organizationSettingsSchema.shape)) });
    }
  });

  return (
    <Card title="Organisation" description="Calls use these when an agent or a webhook URL does not set its own.">
      <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-3">
        <fieldset disabled={readOnly} className="contents">
          <TextField label="Name" error={errors.name?.message} {...form.register("name")} />
          <TimeZoneField label="Default time zone" error={errors.timezone?.message} {...form.register("timezone")} />
          <TextField label="Default country calling code" error={errors.countryCode?.message} {...form.register("countryCode")} />
        </fieldset>
        {!readOnly && (
          <div className="flex items-center gap-3 sm:col-span-3">
            <Button type="submit" disabled={isSubmitting}>
              Save
            </Button>
            {message.saved && (
              <span role="status" className="text-sm text-emerald-800">
                Saved.
              </span>
            )}
          </div>
        )}
      </form>
      <FormError message={message.error} />
    </Card>
  );
}
