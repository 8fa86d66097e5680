"use client";

import { CopyButton } from "@/components/ui/copy-button";
import { useLastDelivery } from "@/lib/client/crm-webhooks";
import type { BuiltWebhookUrl } from "@/lib/webhook-url/build";

/**
 * HubSpot private apps cannot subscribe to webhooks by API, so the admin does it by hand: CallKaro's steps (seed 003)
 * with the URL ready to paste, then this agent's HubSpot deliveries tell whether HubSpot is posting.
 */
export function HubSpotSubscription({ built, agentId }: { built: BuiltWebhookUrl; agentId: string }) {
  const last = useLastDelivery(agentId, "hubspot");
  return (
    <section aria-labelledby="hubspot-subscribe-heading" className="flex flex-col gap-3 border-t border-slate-200 pt-3 text-sm">
      <h3 id="hubspot-subscribe-heading" className="font-medium">
        Subscribe in HubSpot
      </h3>
      <p className="text-slate-700">
        HubSpot private apps cannot subscribe to webhooks through HubSpot&apos;s API: do these steps in HubSpot.
      </p>
      <ol className="list-decimal space-y-1 pl-5 text-slate-700">
        <li>Convert your HubSpot account to a developer account (free; it enables private app creation).</li>
        <li>
          Go to <strong>Developer → Legacy Apps</strong> and click <strong>Create App</strong>.
        </li>
        <li>
          Choose the <strong>Private</strong> app type.
        </li>
        <li>
          Enter the basic information: <strong>App Name</strong> (e.g. “Leadline AI calls”), optionally a logo.
        </li>
        <li>
          In the <strong>Scopes</strong> tab click <strong>+ Add New Scope</strong>, search “contact” and add{" "}
          <code>crm.objects.contacts.read</code>, <code>crm.objects.contacts.write</code>, <code>crm.schemas.contacts.read</code> and{" "}
          <code>crm.schemas.contacts.write</code>.
        </li>
        <li>
          In the <strong>Webhooks</strong> tab, enter this URL:
          <div className="mt-1 flex flex-col gap-2 sm:flex-row sm:items-start">
            <code data-testid="hubspot-target-url" className="min-w-0 flex-1 rounded-md bg-slate-50 px-3 py-2 font-mono text-xs break-all">
              {built.url}
            </code>
            <CopyButton text={built.url} label="Copy URL for HubSpot" />
          </div>
        </li>
        <li>
          Click <strong>Create Subscription</strong> and choose the trigger event <strong>Contact Created</strong>.
        </li>
        <li>
          Click <strong>Create App</strong>, review the settings and click <strong>Continue Creating</strong>.
        </li>
        <li>
          In the app&apos;s <strong>Auth</strong> section copy the <strong>Access Token</strong>.
        </li>
        <li>
          In Leadline, open <strong>Integrations → HubSpot → Connect</strong>, paste the token and save.
        </li>
        <li>
          Map the contact fields to this agent&apos;s variables in the <strong>Variable Source</strong> tab (e.g. <code>phone</code> ←{" "}
          <code>phone</code>).
        </li>
      </ol>
      <p role="status" data-testid="hubspot-delivery-status" className="rounded-md bg-slate-50 px-3 py-2">
        {last.data
          ? `HubSpot is posting: the last event for this agent arrived ${new Date(last.data.createdAt).toLocaleString()} (${last.data.status}).`
          : last.isError
            ? "Could not check for HubSpot events; retrying…"
            : "Waiting for the first event… Create a test contact in HubSpot; it shows here within seconds of arriving."}
      </p>
    </section>
  );
}
