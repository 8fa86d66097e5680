"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { CopyButton } from "@/components/ui/copy-button";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FormError, TextField } from "@/components/ui/field";
import { createApiKeySchema, type CreateApiKeyInput } from "@/lib/api-keys/schema";
import { applyServerErrors } from "@/lib/client/api";
import { useCreateApiKey } from "@/lib/client/api-keys";

export function CreateApiKeyForm() {
  const create = useCreateApiKey();
  const [revealed, setRevealed] = useState<{ name: string; key: string }>();
  const [formError, setFormError] = useState<string>();
  const form = useForm<CreateApiKeyInput>({ resolver: zodResolver(createApiKeySchema), defaultValues: { name: "" } });

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(undefined);
    try {
      const created = await create.mutateAsync(values);
      setRevealed({ name: created.apiKey.name, key: created.key });
      form.reset();
    } catch (err) {
      setFormError(applyServerErrors(err, form.setError, ["name"]));
    }
  });

  return (
    <Card title="Create a key" description="Name it for where it goes, so you know what stops working if you revoke it.">
      <form onSubmit={onSubmit} noValidate className="mt-3 flex flex-col gap-3 sm:flex-row sm:items-end">
        <div className="sm:w-80">
          <TextField
            label="Key name"
            placeholder="LeadSquared webhook"
            error={form.formState.errors.name?.message}
            {...form.register("name")}
          />
        </div>
        <Button type="submit" disabled={form.formState.isSubmitting}>
          Create key
        </Button>
      </form>
      <FormError message={formError} />
      {revealed && (
        <div role="status" className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
          <p className="font-medium">Copy the key “{revealed.name}” now: it will not be shown again.</p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <code data-testid="new-api-key" className="rounded bg-white px-2 py-1 font-mono text-xs break-all">
              {revealed.key}
            </code>
            <CopyButton text={revealed.key} />
            <Button variant="secondary" onClick={() => setRevealed(undefined)}>
              Done
            </Button>
          </div>
        </div>
      )}
    </Card>
  );
}
