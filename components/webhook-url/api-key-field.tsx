"use client";

import { CRM_NAMES } from "@/lib/crm/crms";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError, TextField } from "@/components/ui/field";
import type { BuilderForm } from "@/components/webhook-url/webhook-url-builder";
import { useCreateApiKey } from "@/lib/client/api-keys";

/** Paste an existing key, or create one just for this webhook; a new key is shown once, inside the URL. */
export function ApiKeyField({ form, agentName, error }: { form: BuilderForm; agentName: string; error?: string }) {
  const create = useCreateApiKey();
  const [created, setCreated] = useState(false);
  const crm = form.watch("crm");

  const createKey = async () => {
    const name = `${agentName} · ${CRM_NAMES[crm]} webhook`.slice(0, 80);
    const { key } = await create.mutateAsync({ name });
    form.setValue("apiKey", key, { shouldDirty: true });
    setCreated(true);
  };

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <div className="sm:w-[28rem]">
          <TextField
            label="API key"
            autoComplete="off"
            spellCheck={false}
            placeholder="ll_…"
            error={error}
            {...form.register("apiKey", { onChange: () => setCreated(false) })}
          />
        </div>
        <Button type="button" variant="secondary" onClick={createKey} disabled={create.isPending}>
          {create.isPending ? "Creating…" : "Create a key for this webhook"}
        </Button>
      </div>
      {created && (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm">
          A new key was created and put in the URL below. Leadline will not show it again: copy the URL now.
        </p>
      )}
      <FormError message={create.error?.message} />
    </div>
  );
}
