"use client";

import { useFieldArray, useWatch, type UseFormReturn } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { eventByCode } from "@/lib/crm/leadsquared/webhook-events";
import { MAX_WEBHOOK_HEADERS, type LeadSquaredWebhookInput, type LeadSquaredWebhookValues } from "@/lib/crm/leadsquared/webhook-schema";

type Form = UseFormReturn<LeadSquaredWebhookInput, unknown, LeadSquaredWebhookValues>;

/** The WebhookProperties and landing pages the chosen event takes (seed 004); other events show none. */
export function EventSpecificFields({ form }: { form: Form }) {
  const event = useWatch({ control: form.control, name: "event" });
  const kind = eventByCode(event)?.properties ?? "none";
  const { errors } = form.formState;
  if (kind === "landing_page") return <LandingPages form={form} />;
  if (kind === "activity") {
    return (
      <fieldset className="flex flex-col gap-3">
        <legend className="text-sm font-medium">Activity</legend>
        <TextField
          label="Activity type code (ActivityEvent)"
          inputMode="numeric"
          placeholder="247"
          error={errors.activityEvent?.message}
          {...form.register("activityEvent")}
        />
        <TextField
          label="Activity data (ActivityData, a JSON array)"
          error={errors.activityData?.message}
          {...form.register("activityData")}
        />
        <TextField
          label="Web page names (WebPageNames, a JSON array)"
          error={errors.webPageNames?.message}
          {...form.register("webPageNames")}
        />
      </fieldset>
    );
  }
  if (kind === "none") return null;
  return (
    <fieldset className="flex flex-col gap-3">
      <legend className="text-sm font-medium">Opportunity</legend>
      <TextField
        label="Opportunity type codes (OpportunityEvents)"
        placeholder="12002"
        hint="Comma-separated, e.g. 12002, 12003."
        error={errors.opportunityEvents?.message}
        {...form.register("opportunityEvents")}
      />
      {kind === "opportunity_field" && (
        <TextField
          label="Changed field (ChangedOpportunityField)"
          placeholder="mx_Custom_10"
          error={errors.changedOpportunityField?.message}
          {...form.register("changedOpportunityField")}
        />
      )}
      {kind === "opportunity_stage" && (
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField label="Status from" placeholder="Lost" {...form.register("statusFrom")} />
          <TextField label="Status to" placeholder="Open" {...form.register("statusTo")} />
          <TextField label="Stage from" placeholder="Budget constraints" {...form.register("stageFrom")} />
          <TextField label="Stage to" placeholder="Negotiation" {...form.register("stageTo")} />
        </div>
      )}
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" {...form.register("isAsyncEnable")} /> Post asynchronously (IsAsyncEnable)
      </label>
    </fieldset>
  );
}

function LandingPages({ form }: { form: Form }) {
  const urls = useWatch({ control: form.control, name: "landingPageUrls" });
  const set = (next: string[]) => form.setValue("landingPageUrls", next, { shouldValidate: form.formState.isSubmitted });
  const errors = form.formState.errors.landingPageUrls;
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="text-sm font-medium">Landing pages (LandingPageUrls; IsSpecificLandingPage is sent as true)</legend>
      {urls.map((url, i) => (
        <div key={i} className="flex items-end gap-2">
          <div className="flex-1">
            <TextField
              label={`Landing page ${i + 1}`}
              type="url"
              value={url}
              error={errors?.[i]?.message}
              onChange={(e) => set(urls.map((u, j) => (j === i ? e.target.value : u)))}
            />
          </div>
          <Button type="button" variant="secondary" onClick={() => set(urls.filter((_, j) => j !== i))}>
            Remove
          </Button>
        </div>
      ))}
      {errors?.message && (
        <p role="alert" className="text-sm text-red-700">
          {errors.message}
        </p>
      )}
      <Button type="button" variant="secondary" className="self-start" onClick={() => set([...urls, ""])}>
        Add a landing page
      </Button>
    </fieldset>
  );
}

/** The admin's own custom headers; Leadline's X-API-KEY is added by the server and counts toward LeadSquared's 10. */
export function CustomHeaderFields({ form }: { form: Form }) {
  const { fields, append, remove } = useFieldArray({ control: form.control, name: "customHeaders" });
  const { errors } = form.formState;
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="text-sm font-medium">Custom headers</legend>
      <p className="text-xs text-slate-500">
        Leadline sends your API key as an X-API-KEY header, never in the URL. Add up to {MAX_WEBHOOK_HEADERS - 1} more.
      </p>
      {fields.map((field, i) => (
        <div key={field.id} className="flex flex-col gap-2 sm:flex-row sm:items-end">
          <TextField
            label={`Header ${i + 1} name`}
            error={errors.customHeaders?.[i]?.key?.message}
            {...form.register(`customHeaders.${i}.key`)}
          />
          <TextField
            label={`Header ${i + 1} value`}
            error={errors.customHeaders?.[i]?.value?.message}
            {...form.register(`customHeaders.${i}.value`)}
          />
          <Button type="button" variant="secondary" onClick={() => remove(i)}>
            Remove
          </Button>
        </div>
      ))}
      {errors.customHeaders?.message && (
        <p role="alert" className="text-sm text-red-700">
          {errors.customHeaders.message}
        </p>
      )}
      {fields.length < MAX_WEBHOOK_HEADERS - 1 && (
        <Button type="button" variant="secondary" className="self-start" onClick={() => append({ key: "", value: "" })}>
          Add a header
        </Button>
      )}
    </fieldset>
  );
}
