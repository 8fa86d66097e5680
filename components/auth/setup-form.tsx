"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { TimeZoneField } from "@/components/settings/time-zone-field";
import { Button } from "@/components/ui/button";
import { FormError, TextField } from "@/components/ui/field";
import { apiFetch, applyServerErrors } from "@/lib/client/api";
import { setupSchema, type SetupInput } from "@/lib/orgs/schema";

export function SetupForm() {
  const router = useRouter();
  const [formError, setFormError] = useState<string>();
  const form = useForm<SetupInput, unknown, z.output<typeof setupSchema>>({
    resolver: zodResolver(setupSchema),
    defaultValues: {
      organizationName: "",
      timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      countryCode: "+91",
      name: "",
      email: "",
      password: "",
    },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(undefined);
    try {
      await apiFetch("/api/setup", { method: "POST", json: values });
      router.push(`/login?email=${encodeURIComponent(values.email)}&setup=done`);
    } catch (err) {
      setFormError(applyServerErrors(err, form.setError, Object.keys(setupSchema.shape)));
    }
  });

  return (
    // POST to this page even before the script loads, so a password never lands in the address bar or a log.
    <form method="post" onSubmit={onSubmit} noValidate className="mt-6 flex flex-col gap-4 rounded-lg border border-slate-200 bg-white p-6">
      <FormError message={formError} />
      <TextField
        label="Organisation name"
        autoComplete="organization"
        error={errors.organizationName?.message}
        {...form.register("organizationName")}
      />
      <TimeZoneField label="Default time zone" error={errors.timezone?.message} {...form.register("timezone")} />
      <TextField
        label="Default country calling code"
        hint="Used for phone numbers written without one, e.g. +91 for India."
        error={errors.countryCode?.message}
        {...form.register("countryCode")}
      />
      <TextField label="Your name" autoComplete="name" error={errors.name?.message} {...form.register("name")} />
      <TextField label="Email" type="email" autoComplete="email" error={errors.email?.message} {...form.register("email")} />
      <TextField
        label="Password"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters."
        error={errors.password?.message}
        {...form.register("password")}
      />
      <Button type="submit" disabled={isSubmitting}>
        {isSubmitting ? "Creating…" : "Create organisation"}
      </Button>
    </form>
  );
}
