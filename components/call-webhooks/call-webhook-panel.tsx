"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { FormError, SelectField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { callWebhookSettingsSchema, type CallWebhookSettingsInput } from "@/lib/call-webhooks/schema";
import { applyServerErrors } from "@/lib/client/api";
import {
  useCallWebhook,
  useDeleteCallWebhook,
  useRotateCallWebhookSecret,
  useSaveCallWebhook,
  type CallWebhookRow,
} from "@/lib/client/call-webhooks";

const FIELDS = Object.keys(callWebhookSettingsSchema.shape);

/** The organisation's (`scope="org"`) or one agent's call-ended webhook: URL, events, on/off and its signing secret. */
export function CallWebhookPanel({ scope }: { scope: string }) {
  const endpoint = useCallWebhook(scope);
  const [secret, setSecret] = useState<string>();
  const description =
    scope === "org"
      ? "Leadline posts a signed JSON event here when a call attempt ends and when a call is over, for every agent."
      : "Leadline posts a signed JSON event here for this agent's calls, as well as to the organisation's webhook.";
  return (
    <Card title="Call-ended webhook" description={description}>
      {endpoint.isPending ? (
        <p className="text-sm text-slate-600">Loading…</p>
      ) : endpoint.isError ? (
        <FormError message={endpoint.error.message} />
      ) : (
        <>
          {endpoint.data?.disabledReason && (
            <Notice tone="warning" title="Turned off by Leadline">
              {endpoint.data.disabledReason} Switch it on again once the receiver is back.
            </Notice>
          )}
          <SettingsForm key={endpoint.data?.updatedAt ?? "new"} scope={scope} endpoint={endpoint.data ?? null} onSecret={setSecret} />
          {secret && (
            <div role="status" className="mt-4 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
              <p className="font-medium">Copy the signing secret now: it will not be shown again.</p>
              <div className="mt-2 flex flex-wrap items-center gap-2">
                <code data-testid="call-webhook-secret" className="rounded bg-white px-2 py-1 font-mono text-xs break-all">
                  {secret}
                </code>
                <CopyButton text={secret} />
                <Button variant="secondary" onClick={() => setSecret(undefined)}>
                  Done
                </Button>
              </div>
            </div>
          )}
          {endpoint.data && <SecretActions scope={scope} endpoint={endpoint.data} onSecret={setSecret} />}
        </>
      )}
    </Card>
  );
}

function SettingsForm({
  scope,
  endpoint,
  onSecret,
}: {
  scope: string;
  endpoint: CallWebhookRow | null;
  onSecret: (secret: string) => void;
}) {
  const save = useSaveCallWebhook(scope);
  const [message, setMessage] = useState<{ error?: string; saved?: boolean }>({});
  const form = useForm<CallWebhookSettingsInput, unknown, z.output<typeof callWebhookSettingsSchema>>({
    resolver: zodResolver(callWebhookSettingsSchema),
    defaultValues: endpoint
      ? { url: endpoint.url, events: endpoint.events, enabled: endpoint.enabled }
      : { url: "", events: "each_attempt", enabled: true },
  });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    setMessage({});
    try {
      const saved = await save.mutateAsync(values);
      if (saved.secret) onSecret(saved.secret);
      setMessage({ saved: true });
    } catch (err) {
      setMessage({ error: applyServerErrors(err, form.setError, FIELDS) });
    }
  });
  return (
    <form onSubmit={onSubmit} noValidate className="mt-3 grid gap-4 sm:grid-cols-3">
      <div className="sm:col-span-2">
        <TextField
          label="Webhook URL"
          placeholder="https://example.com/leadline/calls"
          hint="https:// (http only for localhost). Leadline never follows a redirect."
          error={errors.url?.message}
          {...form.register("url")}
        />
      </div>
      <SelectField label="Send" error={errors.events?.message} {...form.register("events")}>
        <option value="each_attempt">After each attempt and at the end</option>
        <option value="final_only">Only the final outcome</option>
      </SelectField>
      <label className="flex items-center gap-2 text-sm text-slate-700 sm:col-span-3">
        <input type="checkbox" className="size-4" {...form.register("enabled")} />
        On: post events to this URL
      </label>
      <div className="flex items-center gap-3 sm:col-span-3">
        <Button type="submit" disabled={isSubmitting}>
          {endpoint ? "Save" : "Create webhook"}
        </Button>
        {message.saved && (
          <span role="status" className="text-sm text-emerald-800">
            Saved.
          </span>
        )}
      </div>
      <div className="sm:col-span-3">
        <FormError message={message.error} />
      </div>
    </form>
  );
}

function SecretActions({ scope, endpoint, onSecret }: { scope: string; endpoint: CallWebhookRow; onSecret: (secret: string) => void }) {
  const rotate = useRotateCallWebhookSecret(scope);
  const remove = useDeleteCallWebhook(scope);
  const [error, setError] = useState<string>();
  const act = async (action: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await action();
    } catch (err) {
      setError(err instanceof Error ? err.message : "Could not reach Leadline.");
    }
  };
  return (
    <div className="mt-4 flex flex-wrap items-center gap-3 border-t border-slate-100 pt-4 text-sm text-slate-700">
      <span>
        Signing secret <code className="font-mono text-xs">{endpoint.secretHint}</code>
      </span>
      <Button
        variant="secondary"
        disabled={rotate.isPending}
        onClick={() => {
          if (confirm("Make a new signing secret? The old one stops working at once, so update your receiver."))
            void act(async () => onSecret((await rotate.mutateAsync()).secret));
        }}
      >
        New secret
      </Button>
      <Button
        variant="danger"
        disabled={remove.isPending}
        onClick={() => {
          if (confirm("Remove this webhook? Leadline stops posting to it.")) void act(() => remove.mutateAsync());
        }}
      >
        Remove
      </Button>
      <FormError message={error} />
    </div>
  );
}
