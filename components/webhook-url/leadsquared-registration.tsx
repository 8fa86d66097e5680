"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import Link from "next/link";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { CustomHeaderFields, EventSpecificFields } from "@/components/webhook-url/leadsquared-webhook-fields";
import { Button } from "@/components/ui/button";
import { FormError, SelectField, TextField } from "@/components/ui/field";
import { ClientApiError } from "@/lib/client/api";
import {
  useForgetLeadSquaredWebhook,
  useLeadSquaredWebhooks,
  useRegisterLeadSquaredWebhook,
  useUpdateLeadSquaredWebhook,
  type RegisteredWebhook,
} from "@/lib/client/crm-webhooks";
import { LEADSQUARED_EVENTS } from "@/lib/crm/leadsquared/webhook-events";
import {
  DEFAULT_WEBHOOK_VALUES,
  leadSquaredWebhookSchema,
  WEBHOOK_CONTENT_TYPES,
  type LeadSquaredWebhookInput,
  type LeadSquaredWebhookValues,
} from "@/lib/crm/leadsquared/webhook-schema";
import type { BuiltWebhookUrl } from "@/lib/webhook-url/build";

const FIELDS = [
  "description",
  "event",
  "contentType",
  "landingPageUrls",
  "activityEvent",
  "opportunityEvents",
  "changedOpportunityField",
  "customHeaders",
  "url",
  "apiKey",
];

/** Where a failed registration is explained: the server's `details[0].field` says form, integration or retry (crm-failure.ts). */
type Problem = { place: "form" | "integration" | "retry"; message: string };

function problemOf(err: unknown, setError: (field: keyof LeadSquaredWebhookInput, message: string) => void): Problem {
  if (!(err instanceof ClientApiError))
    return { place: "retry", message: "Could not reach Leadline. Check your connection and try again." };
  const field = err.details[0]?.field;
  if (field === "integration") return { place: "integration", message: err.message };
  if (field === "retry") return { place: "retry", message: err.message };
  if (field && FIELDS.includes(field) && field !== "url" && field !== "apiKey")
    setError(field as keyof LeadSquaredWebhookInput, err.details[0]!.message);
  return { place: "form", message: err.message };
}

/** "Create in LeadSquared": registers the builder's URL through LeadSquared's Create Webhook API, and lists what Leadline registered. */
export function LeadSquaredRegistration({ built, agentId }: { built: BuiltWebhookUrl; agentId: string }) {
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState<RegisteredWebhook | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const list = useLeadSquaredWebhooks(agentId);
  const register = useRegisterLeadSquaredWebhook(agentId);
  const update = useUpdateLeadSquaredWebhook(agentId);
  const forget = useForgetLeadSquaredWebhook(agentId);
  const apiKey = built.headers[0]?.value;
  const form = useForm<LeadSquaredWebhookInput, unknown, LeadSquaredWebhookValues>({
    resolver: zodResolver(leadSquaredWebhookSchema),
    defaultValues: { ...DEFAULT_WEBHOOK_VALUES, url: built.url, apiKey },
  });
  const { errors, isSubmitting } = form.formState;

  const submit = async (values: LeadSquaredWebhookValues) => {
    setProblem(null);
    setDone(null);
    const input = { ...values, url: built.url, apiKey };
    try {
      const saved = editing ? await update.mutateAsync({ id: editing.id, input }) : await register.mutateAsync(input);
      setDone(`${editing ? "Updated" : "Created"} in LeadSquared (webhook id ${saved.externalId}).`);
      setEditing(null);
      setOpen(false);
    } catch (err) {
      setProblem(problemOf(err, (field, message) => form.setError(field, { message })));
    }
  };

  const startEdit = (webhook: RegisteredWebhook) => {
    form.reset({
      ...DEFAULT_WEBHOOK_VALUES,
      url: built.url,
      apiKey,
      description: webhook.description,
      event: webhook.event as LeadSquaredWebhookInput["event"],
    });
    setEditing(webhook);
    setOpen(true);
  };

  return (
    <section aria-labelledby="lsq-register-heading" className="flex flex-col gap-3 border-t border-slate-200 pt-3">
      <h3 id="lsq-register-heading" className="font-medium">
        Register in LeadSquared
      </h3>
      {done && (
        <p role="status" className="text-sm text-green-800">
          {done}
        </p>
      )}
      {problem?.place === "integration" && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {problem.message}{" "}
          <Link href="/integrations/leadsquared" className="underline">
            Open the LeadSquared integration
          </Link>
        </p>
      )}
      {!open ? (
        <Button type="button" className="self-start" onClick={() => setOpen(true)}>
          Create in LeadSquared
        </Button>
      ) : (
        <form onSubmit={form.handleSubmit(submit)} noValidate className="flex flex-col gap-4">
          {editing && (
            <p className="text-sm text-slate-700">
              Updating LeadSquared webhook <code>{editing.externalId}</code>: every setting is replaced by this form and the URL above.
            </p>
          )}
          <TextField label="Description" error={errors.description?.message} {...form.register("description")} />
          <SelectField label="Event" error={errors.event?.message} {...form.register("event")}>
            {LEADSQUARED_EVENTS.map((e) => (
              <option key={e.code} value={e.code}>
                {e.label}
              </option>
            ))}
          </SelectField>
          <p className="text-xs text-slate-500">The URL gets events=&lt;this event&gt;, so this event is the one that places calls.</p>
          <SelectField label="Content type" error={errors.contentType?.message} {...form.register("contentType")}>
            {WEBHOOK_CONTENT_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </SelectField>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" {...form.register("notifyOnFailure")} /> Notify LeadSquared&apos;s admins when a post fails
            (NotifyOnFailure)
          </label>
          <EventSpecificFields form={form} />
          <CustomHeaderFields form={form} />
          {problem?.place !== "integration" && <FormError message={problem?.message} />}
          <div className="flex gap-2">
            <Button type="submit" disabled={isSubmitting}>
              {isSubmitting ? "Sending to LeadSquared…" : editing ? "Update in LeadSquared" : "Create in LeadSquared"}
            </Button>
            <Button type="button" variant="secondary" onClick={() => (setOpen(false), setEditing(null), setProblem(null))}>
              Cancel
            </Button>
          </div>
        </form>
      )}
      <RegisteredList webhooks={list.data ?? []} onEdit={startEdit} onForget={(id) => forget.mutate(id)} />
    </section>
  );
}

function RegisteredList({
  webhooks,
  onEdit,
  onForget,
}: {
  webhooks: RegisteredWebhook[];
  onEdit: (w: RegisteredWebhook) => void;
  onForget: (id: string) => void;
}) {
  if (!webhooks.length) return null;
  return (
    <div className="flex flex-col gap-2 text-sm">
      <h4 className="font-medium">Registered by Leadline for this agent</h4>
      <ul className="flex flex-col gap-2" aria-label="Webhooks registered in LeadSquared">
        {webhooks.map((w) => (
          <li key={w.id} className="flex flex-col gap-1 rounded-md border border-slate-200 p-2">
            <span>
              <strong>{w.eventLabel}</strong> · {w.description} · LeadSquared id <code>{w.externalId}</code>
            </span>
            <code className="font-mono text-xs break-all">{w.url}</code>
            <span className="text-xs text-slate-500">
              By {w.createdBy} on {new Date(w.createdAt).toLocaleString()}
            </span>
            <div className="flex gap-2">
              <Button type="button" variant="secondary" onClick={() => onEdit(w)}>
                Update
              </Button>
              <Button type="button" variant="danger" onClick={() => onForget(w.id)}>
                Forget in Leadline
              </Button>
            </div>
          </li>
        ))}
      </ul>
      <p className="text-xs text-slate-600">
        LeadSquared&apos;s API cannot delete or disable a webhook. To stop it, delete it in LeadSquared under My Account → Settings → API
        and Webhooks → Webhooks, then forget it here.
      </p>
    </div>
  );
}
