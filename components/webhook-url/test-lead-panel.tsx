"use client";

import type { UseFormHandleSubmit } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import { TestLeadOutcome } from "@/components/webhook-url/test-lead-outcome";
import { useSendTestLead } from "@/lib/client/webhook-url";
import type { BuiltWebhookUrl } from "@/lib/webhook-url/build";
import type { WebhookUrlForm } from "@/lib/webhook-url/schema";

type Props = { agentId: string; built: BuiltWebhookUrl | null; onSend: UseFormHandleSubmit<WebhookUrlForm> };

/** Posts a sample lead through the URL above, as the CRM would, and links to what it produced. */
export function TestLeadPanel({ agentId, built, onSend }: Props) {
  const send = useSendTestLead(agentId);
  const result = send.data;
  const submit = onSend(() => {
    if (built) send.mutate({ url: built.url, apiKey: built.headers[0]?.value });
  });
  return (
    <section aria-labelledby="test-heading" className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="test-heading" className="font-medium">
        Send a test lead
      </h2>
      <p className="text-sm text-slate-600">
        Posts a realistic new lead through the URL above (for HubSpot, a contact.creation event for a contact of the connected account),
        using a simulator number that answers.
      </p>
      <div>
        <Button type="button" onClick={submit} disabled={!built || send.isPending}>
          {send.isPending ? "Sending…" : "Send a test lead"}
        </Button>
      </div>
      <FormError message={send.error?.message} />
      {result && <TestLeadOutcome result={result} />}
    </section>
  );
}
