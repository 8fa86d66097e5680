"use client";

import { CRM_NAMES } from "@/lib/crm/crms";
import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect } from "react";
import { useForm, useWatch } from "react-hook-form";
import { ApiKeyField } from "@/components/webhook-url/api-key-field";
import { ChoiceGroup } from "@/components/webhook-url/choice-group";
import { CrmMismatchNotice } from "@/components/webhook-url/crm-mismatch-notice";
import { PublicUrlNotice } from "@/components/webhook-url/public-url-notice";
import { ScheduleFields } from "@/components/webhook-url/schedule-fields";
import { SchedulePreview } from "@/components/webhook-url/schedule-preview";
import { TestLeadPanel } from "@/components/webhook-url/test-lead-panel";
import { WebhookUrlResult } from "@/components/webhook-url/webhook-url-result";
import type { AgentRow } from "@/lib/client/agents";
import { agentZone } from "@/lib/schedule/agent-defaults";
import { buildWebhookUrl } from "@/lib/webhook-url/build";
import { resizeGaps, scheduleQueryOf, webhookUrlFormSchema, type WebhookUrlForm } from "@/lib/webhook-url/schema";

export type BuilderForm = ReturnType<typeof useForm<WebhookUrlForm>>;

const DEFAULTS: WebhookUrlForm = {
  crm: "leadsquared",
  keyMode: "query",
  apiKey: "",
  min_trigger_time: "",
  max_trigger_time: "",
  carry_over: false,
  num_of_retries: "",
  gaps: [],
  timezone: "",
  overnightConfirmed: false,
};

/** Problems by field, checked with the server's own schedule rules on every change. */
function problemsOf(values: WebhookUrlForm): Record<string, string> {
  const checked = webhookUrlFormSchema.safeParse(values);
  return Object.fromEntries((checked.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));
}

export function WebhookUrlBuilder({ agent, orgTimezone, publicUrl }: { agent: AgentRow; orgTimezone: string; publicUrl: string }) {
  const form: BuilderForm = useForm<WebhookUrlForm>({ resolver: zodResolver(webhookUrlFormSchema), defaultValues: DEFAULTS });
  const values = useWatch({ control: form.control }) as WebhookUrlForm;
  const problems = problemsOf(values);
  const valid = Object.keys(problems).length === 0;
  const built = valid ? buildWebhookUrl({ origin: publicUrl, agentId: agent.id, values }) : null;
  const scheduleValid = !Object.keys(problems).some((k) => !["crm", "keyMode", "apiKey", "overnightConfirmed"].includes(k));

  useEffect(() => {
    const next = resizeGaps(form.getValues("gaps"), values.num_of_retries);
    if (next.length !== form.getValues("gaps").length) form.setValue("gaps", next);
  }, [values.num_of_retries, form]);
  // A confirmation is for the window it was given for.
  useEffect(() => form.setValue("overnightConfirmed", false), [values.min_trigger_time, values.max_trigger_time, form]);
  useEffect(() => {
    if (values.crm === "hubspot" && values.keyMode === "header") form.setValue("keyMode", "query");
  }, [values.crm, values.keyMode, form]);

  return (
    <div className="mt-4 flex flex-col gap-6">
      <form
        method="post"
        noValidate
        onSubmit={(e) => e.preventDefault()}
        className="flex flex-col gap-5 rounded-lg border border-slate-200 bg-white p-4"
      >
        <h2 className="font-medium">Build the webhook URL</h2>
        <div className="grid gap-5 sm:grid-cols-2">
          <ChoiceGroup
            legend="CRM"
            form={form}
            name="crm"
            options={Object.entries(CRM_NAMES).map(([value, label]) => ({ value, label }))}
          />
          <ChoiceGroup
            legend="API key goes in"
            form={form}
            name="keyMode"
            error={problems.keyMode}
            options={[
              { value: "query", label: "The URL (x_api_key)" },
              { value: "header", label: "A header (X-API-KEY)", disabled: values.crm === "hubspot" },
            ]}
            hint={values.crm === "hubspot" ? "HubSpot webhooks cannot send custom headers, so the key goes in the URL." : undefined}
          />
        </div>
        <CrmMismatchNotice agentId={agent.id} crm={values.crm} phoneVariable={agent.phoneVariable} />
        <ApiKeyField form={form} agentName={agent.name} error={values.apiKey ? problems.apiKey : undefined} />
        <ScheduleFields
          form={form}
          problems={problems}
          zonePlaceholder={agentZone(agent, { timezone: orgTimezone })}
          window={{ from: values.min_trigger_time, until: values.max_trigger_time, confirmed: !!values.overnightConfirmed }}
        />
      </form>
      <PublicUrlNotice publicUrl={publicUrl} />
      <WebhookUrlResult built={built} crm={values.crm} missingKey={!values.apiKey} />
      <SchedulePreview
        agentId={agent.id}
        query={scheduleValid ? scheduleQueryOf(values) : null}
        zone={values.timezone || agent.timezone || orgTimezone}
      />
      <TestLeadPanel agentId={agent.id} built={built} onSend={form.handleSubmit} />
    </div>
  );
}
